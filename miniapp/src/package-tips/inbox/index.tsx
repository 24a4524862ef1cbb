import { tipInbox } from '@/services/tips'
import TipBoard, { type Tab } from '../tip-board'

// 线索处理 (SPEC §6): the tips of the officer's department and those below it, by status.

const TABS: Tab[] = [
  { status: 'pending', title: '待处理' },
  { status: 'accepted', title: '已受理' },
  { status: 'closed', title: '已办结' },
  { status: 'refused', title: '不予受理' },
]

export default function TipInbox() {
  return <TipBoard tabs={TABS} load={tipInbox} title='线索处理' testPrefix='inbox' />
}
