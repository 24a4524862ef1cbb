import { tipSupervision } from '@/services/tips'
import TipBoard, { type Tab } from '../tip-board'

// 线索监督 (SPEC §5): every tip, for the platform supervisors (public.platform_supervisors), who
// open one to see its reporter and 拉黑 a malicious one (the detail page). Officers never reach it.

const TABS: Tab[] = [
  { status: 'all', title: '全部' },
  { status: 'pending', title: '待处理' },
  { status: 'accepted', title: '已受理' },
  { status: 'closed', title: '已办结' },
  { status: 'refused', title: '不予受理' },
]

export default function TipSupervision() {
  return <TipBoard tabs={TABS} load={tipSupervision} title='线索监督' testPrefix='supervise' />
}
