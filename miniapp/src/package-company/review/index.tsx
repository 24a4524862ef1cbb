import { useEffect, useState } from 'react'
import { Text, Textarea, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import ActionButton from '@/components/action-button'
import PageFrame from '@/components/page-frame'
import { alertProps, labelled } from '@/utils/a11y'
import { decideReview, getReview } from '@/services/companies'
import { PAGES } from '@/services/config'
import { ApiError } from '@/services/request'
import type { ReviewPreview } from '@/services/types'
import { dateTime } from '@/utils/format'
import '../form.scss'
import './index.scss'
import { toast, dialog } from '@/services/feedback'

// 单位审核: the officer scanned a 审核二维码 or picked it in the 单位审核 list (SPEC §6). The declaration as the server shows it to
// this officer, then 审核通过 (confirmed) or 驳回 with a reason (required). The server checks the
// officer's department scope again on each step.

const REASON_MAX = 200

const STATUS_TEXT: Record<ReviewPreview['status'], string> = { pending: '待审核', approved: '已通过', rejected: '已驳回' }

export default function Review() {
  const { token = '', from } = useRouter().params
  const [preview, setPreview] = useState<ReviewPreview | null>(null)
  const [error, setError] = useState('')
  const [rejecting, setRejecting] = useState(false)
  const [reason, setReason] = useState('')
  const [reasonError, setReasonError] = useState('')
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    getReview(token)
      .then(setPreview)
      .catch((e) => setError(e instanceof ApiError ? e.message : '加载失败，请稍后重试'))
  }, [token])

  const finish = async (title: string) => {
    toast({ title, icon: 'success', duration: 1500 })
    await new Promise((resolve) => setTimeout(resolve, 900))
    // Opened from 单位审核: back to the list, which reloads when shown again. Opened by a scan:
    // home, as before.
    if (from === 'list') await Taro.navigateBack()
    else await Taro.reLaunch({ url: PAGES.home })
  }

  const approve = async () => {
    if (busy || !preview) return
    const { confirm } = await dialog({ title: '提示', content: `确定审核通过${preview.companyName}吗？` })
    if (!confirm) return
    setBusy(true)
    try {
      await decideReview(token, true)
      await finish('审核通过')
    } catch {
      setBusy(false) // request.ts showed the message
    }
  }

  /** 驳回: the reason box and 确认驳回 come into view (the preview above is long at 375×667). */
  const startRejecting = () => {
    setRejecting(true)
    setTimeout(() => {
      Taro.pageScrollTo({ selector: '#review-reason', duration: 200 }).catch(() => undefined)
    }, 50)
  }

  const reject = async () => {
    if (busy) return
    const text = reason.trim()
    if (!text) {
      setReasonError('请填写驳回原因')
      return
    }
    if ([...text].length > REASON_MAX) {
      setReasonError(`驳回原因不能超过 ${REASON_MAX} 个字`)
      return
    }
    setBusy(true)
    try {
      await decideReview(token, false, text)
      await finish('已驳回')
    } catch {
      setBusy(false)
    }
  }

  if (!preview) {
    return (
      <PageFrame title='单位审核'>
        <Text className={error ? 'field-error review__note' : 'muted review__note'} data-testid='review-error' {...(error ? alertProps() : {})}>
          {error || '加载中…'}
        </Text>
      </PageFrame>
    )
  }

  const rows: [string, string][] = [
    ['单位名称', preview.companyName],
    ['统一社会信用代码', preview.creditCode],
    ['管理部门', preview.departmentName],
    ['经营地址', preview.address],
    ['联系电话', preview.contactPhone],
    ['申报人', preview.declarantName ?? ''],
    ['申报时间', dateTime(preview.createdAt)],
    ['状态', STATUS_TEXT[preview.status]],
  ]
  const pending = preview.status === 'pending'

  return (
    <PageFrame title='单位审核' className='review'>
      <View className='card form' data-testid='review-preview'>
        {rows.map(([label, value]) => (
          <View key={label} className='form__row'>
            <Text className='form__label review__label'>{label}</Text>
            <Text className='form__value'>{value}</Text>
          </View>
        ))}
      </View>

      {pending && rejecting && (
        <View className='card review__reason' id='review-reason'>
          {/* The error sits in the title line, above the textarea: weapp draws a textarea as a */}
          {/* native view over the page, which would cover a message placed under it. */}
          <View className='review__reason-head'>
            <Text className='review__reason-title' id='review-reason-label'>
              驳回原因
            </Text>
            {reasonError ? (
              <Text className='field-error review__reason-error' id='reason-error' data-testid='reason-error' {...alertProps()}>
                {reasonError}
              </Text>
            ) : (
              <Text className='muted review__reason-count'>{`${[...reason].length}/${REASON_MAX}`}</Text>
            )}
          </View>
          <Textarea
            className='review__textarea'
            maxlength={-1}
            placeholder='请输入驳回原因'
            {...labelled('review-reason-label', '驳回原因', reasonError ? 'reason-error' : undefined)}
            value={reason}
            onInput={(e) => {
              const value = e.detail.value
              setReason(value)
              setReasonError([...value.trim()].length > REASON_MAX ? `驳回原因不能超过 ${REASON_MAX} 个字` : '')
            }}
          />
        </View>
      )}

      {pending && (
        <View className={`form__actions review__actions ${rejecting ? 'review__actions--sticky' : ''}`}>
          {rejecting ? (
            <>
              <ActionButton kind='primary' className='review__danger' busy={busy} onClick={reject}>
                确认驳回
              </ActionButton>
              <ActionButton kind='plain' inactive={busy} onClick={() => setRejecting(false)}>
                取消
              </ActionButton>
            </>
          ) : (
            <>
              <ActionButton busy={busy} onClick={approve}>
                审核通过
              </ActionButton>
              <ActionButton kind='plain' inactive={busy} onClick={startRejecting}>
                驳回
              </ActionButton>
            </>
          )}
        </View>
      )}
    </PageFrame>
  )
}
