import { useState } from 'react'
import { Image, Text, Textarea, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import ActionButton from '@/components/action-button'
import PageFrame from '@/components/page-frame'
import Tap from '@/components/tap'
import { alertProps, headingProps, imageAlt, labelled } from '@/utils/a11y'
import { getDepartments } from '@/services/companies'
import { ApiError } from '@/services/request'
import { blacklistReporter, getTip, handleTip, reassignTip, replyTip, type TipDetail } from '@/services/tips'
import type { Department } from '@/services/types'
import { dateTime } from '@/utils/format'
import ChoiceSheet, { type Choice } from '../form/choice-sheet'
import '../list.scss'
import '../form/index.scss'
import './index.scss'
import { toast, dialog } from '@/services/feedback'

// 线索详情, for the reporter (status, history, the thread, 留言) and for the officers of the
// handling department (photos, 受理 / 办结 / 不予受理 with a 处理意见, 转办, 回复). Of an anonymous
// tip the officer sees 匿名, never who sent it: the API does not know how to tell them. A platform
// supervisor (线索监督) sees who sent it and may 拉黑 the reporter, with a reason, after confirming.

export default function TipDetailPage() {
  const { id = '' } = useRouter().params
  const [tip, setTip] = useState<TipDetail | null>(null)
  const [problem, setProblem] = useState('')
  const [reply, setReply] = useState('')
  const [note, setNote] = useState('')
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const [departments, setDepartments] = useState<Department[] | null>(null)

  const load = async () => {
    try {
      setTip(await getTip(id))
    } catch (e) {
      setProblem(e instanceof ApiError ? e.message : '加载失败，请稍后重试')
    }
  }

  useDidShow(() => void load())

  const run = async (fn: () => Promise<unknown>, done: string) => {
    if (busy) return
    setBusy(true)
    try {
      await fn()
      toast({ title: done, icon: 'success' })
      setNote('')
      await load()
    } catch {
      // request.ts showed the message
    } finally {
      setBusy(false)
    }
  }

  const send = () => {
    if (!reply.trim()) return toast({ title: '请输入留言内容', icon: 'none' })
    void run(async () => {
      await replyTip(id, reply.trim())
      setReply('')
    }, '已发送')
  }

  const decide = async (action: 'accept' | 'close' | 'refuse', title: string) => {
    if (action !== 'accept' && !note.trim()) return toast({ title: '请填写处理意见', icon: 'none' })
    const { confirm } = await dialog({ title: '提示', content: `确定${title}吗？` })
    if (confirm) void run(() => handleTip(id, action, note.trim() || undefined), `已${title}`)
  }

  const blacklist = async () => {
    if (!reason.trim()) return toast({ title: '请填写拉黑原因', icon: 'none' })
    const { confirm } = await dialog({
      title: '拉黑举报人',
      content: '确定将此线索的举报人列入黑名单吗？列入后该用户不能再举报线索。',
      confirmText: '拉黑',
    })
    if (confirm) {
      void run(async () => {
        await blacklistReporter(id, reason.trim())
        setReason('')
      }, '已拉黑')
    }
  }

  const openReassign = async () => {
    try {
      setDepartments(await getDepartments())
    } catch {
      // request.ts showed the message
    }
  }

  const reassignTo = (c: Choice) => {
    setDepartments(null)
    void run(() => reassignTip(id, c.key, note.trim() || undefined), '已转办')
  }

  if (!tip) {
    return (
      <PageFrame title='线索详情' className='tip-detail'>
        <Text className='muted tip-list__note' data-testid='tip-detail-problem' {...(problem ? alertProps() : {})}>
          {problem || '加载中…'}
        </Text>
      </PageFrame>
    )
  }

  const police = tip.viewer !== 'reporter'
  const can = (a: TipDetail['actions'][number]) => tip.actions.includes(a)
  const who = tip.reporter ? `${tip.reporter.name}（${tip.reporter.phoneMasked}）` : ''
  // only a supervisor is ever told who sent an anonymous tip
  const reporter = tip.anonymous ? (tip.viewer === 'supervisor' && who ? `匿名：${who}` : '匿名') : who || '实名'
  const rows: [string, string][] = [
    ['回执码', tip.receiptCode],
    ['线索类别', tip.category.name],
    ['状态', tip.statusText],
    ['管理部门', tip.department.name],
    ['提交时间', dateTime(tip.createdAt)],
    ...(police ? [['举报人', reporter] as [string, string]] : [['是否匿名', tip.anonymous ? '是' : '否'] as [string, string]]),
    ...(tip.place ? [['举报地点', tip.place] as [string, string]] : []),
  ]

  return (
    <PageFrame title='线索详情' className='tip-detail'>
      <View className='card tip-list__card' data-testid='tip-detail'>
        {rows.map(([label, value]) => (
          <View key={label} className='tip-list__row'>
            <Text className='tip-list__label'>{label}</Text>
            <Text className='tip-list__value' data-testid={`tip-field-${label}`}>
              {value}
            </Text>
          </View>
        ))}
        <Text className='tip-detail__content' data-testid='tip-detail-content'>
          {tip.content}
        </Text>
        {tip.photos.length > 0 && (
          <View className='tip-photos'>
            {tip.photos.map((p, i) => (
              <Tap
                key={p.url}
                className='tip-photos__item'
                label={`查看线索照片 ${i + 1}/${tip.photos.length}`}
                onTap={() => void Taro.previewImage({ urls: tip.photos.map((x) => x.url), current: p.url })}
              >
                <Image className='tip-photos__img' src={p.url} mode='aspectFill' data-testid='tip-detail-photo' {...imageAlt(`线索照片 ${i + 1}/${tip.photos.length}`)} />
              </Tap>
            ))}
          </View>
        )}
      </View>

      <View className='card tip-list__card'>
        <Text className='tip-detail__h' {...headingProps(2)}>
          处理记录
        </Text>
        {tip.history.map((h, i) => (
          <View key={i} className='tip-list__row' data-testid='tip-history'>
            <Text className='tip-list__label'>{h.text}</Text>
            <Text className='tip-list__value'>{`${h.departmentName} ${dateTime(h.createdAt)}${h.note ? `\n${h.note}` : ''}`}</Text>
          </View>
        ))}
      </View>

      <View className='card tip-list__card'>
        <Text className='tip-detail__h' id='tip-reply-label' {...headingProps(2)}>
          留言
        </Text>
        {tip.messages.length === 0 && <Text className='muted tip-detail__empty'>暂无留言</Text>}
        {tip.messages.map((m) => (
          <View key={m.id} className={`tip-detail__msg ${m.mine ? 'tip-detail__msg--mine' : ''}`} data-testid='tip-message'>
            <Text className='tip-detail__author'>{`${m.author} ${dateTime(m.createdAt)}`}</Text>
            <Text className='tip-detail__body'>{m.body}</Text>
          </View>
        ))}
        {can('reply') && (
          <View className='tip-detail__reply'>
            <Textarea
              className='tip-detail__input'
              placeholder='请输入留言'
              maxlength={500}
              value={reply}
              data-testid='tip-reply'
              {...labelled('tip-reply-label', police ? '回复' : '留言')}
              onInput={(e) => setReply(e.detail.value)}
            />
            <ActionButton testId='tip-reply-send' busy={busy} onClick={send}>
              {police ? '回复' : '留言'}
            </ActionButton>
          </View>
        )}
      </View>

      {(can('accept') || can('close') || can('refuse') || can('reassign')) && (
        <View className='card tip-list__card'>
          <Text className='tip-detail__h' {...headingProps(2)}>
          处理
        </Text>
          <Text className='tip-detail__label' id='tip-note-label'>
            处理意见
          </Text>
          <Textarea
            className='tip-detail__input'
            placeholder='办结、不予受理时必填'
            maxlength={200}
            value={note}
            data-testid='tip-note'
            {...labelled('tip-note-label', '处理意见')}
            onInput={(e) => setNote(e.detail.value)}
          />
          <View className='tip-detail__actions'>
            {can('accept') && (
              <ActionButton className='tip-detail__action' testId='tip-accept' busy={busy} onClick={() => void decide('accept', '受理')}>
                受理
              </ActionButton>
            )}
            {can('close') && (
              <ActionButton className='tip-detail__action' testId='tip-close' busy={busy} onClick={() => void decide('close', '办结')}>
                办结
              </ActionButton>
            )}
            {can('refuse') && (
              <ActionButton kind='plain' className='tip-detail__action' testId='tip-refuse' busy={busy} onClick={() => void decide('refuse', '不予受理')}>
                不予受理
              </ActionButton>
            )}
            {can('reassign') && (
              <ActionButton kind='plain' className='tip-detail__action' testId='tip-reassign' busy={busy} onClick={() => void openReassign()}>
                转办
              </ActionButton>
            )}
          </View>
        </View>
      )}

      {can('blacklist') && (
        <View className='card tip-list__card' data-testid='tip-supervise'>
          <Text className='tip-detail__h' {...headingProps(2)}>
          线索监督
        </Text>
          {tip.reporterBlacklisted ? (
            <Text className='tip-detail__blacklisted' data-testid='tip-blacklisted'>
              举报人已列入黑名单，不能再举报线索
            </Text>
          ) : (
            <View>
              <Text className='tip-detail__label' id='tip-reason-label'>
                拉黑原因（必填）
              </Text>
              <Textarea
                className='tip-detail__input'
                placeholder='请填写拉黑原因'
                maxlength={200}
                value={reason}
                data-testid='tip-blacklist-reason'
                {...labelled('tip-reason-label', '拉黑原因')}
                onInput={(e) => setReason(e.detail.value)}
              />
              <ActionButton kind='plain' className='tip-detail__action' testId='tip-blacklist' busy={busy} onClick={() => void blacklist()}>
                拉黑举报人
              </ActionButton>
            </View>
          )}
        </View>
      )}

      {departments && (
        <ChoiceSheet
          title='转办至'
          choices={departments.filter((d) => d.id !== tip.department.id).map((d) => ({ key: d.id, label: d.name }))}
          onPick={reassignTo}
          onClose={() => setDepartments(null)}
          testId='tip-sheet-reassign'
        />
      )}
    </PageFrame>
  )
}
