import { useEffect, useState } from 'react'
import { Input, Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import ActionButton from '@/components/action-button'
import PageFrame from '@/components/page-frame'
import Tap from '@/components/tap'
import { getDepartments } from '@/services/companies'
import { PAGES } from '@/services/config'
import { ApiError } from '@/services/request'
import { getTipCategories, sendTip, type TipCategory } from '@/services/tips'
import type { Department } from '@/services/types'
import { alertProps, controlProps, decorative, labelled } from '@/utils/a11y'
import { photoBase64 } from '@/utils/tip-photo'
import ChoiceSheet, { type Choice } from './choice-sheet'
import PhotoGrid from './photo-grid'
import '../../package-company/form.scss'
import './index.scss'
import { toast, dialog } from '@/services/feedback'

// 填报线索信息 (guide 图14): 是否匿名 是/否, 线索类别, 线索内容 with its counter, 图片线索 0/3, 提交.
// 举报地点 and 管理部门 are optional: a tip without a department goes to the city bureau's intake.

const MAX_CONTENT = 500
type Sheet = null | 'category' | 'branch' | 'station'

export default function TipForm() {
  const [anonymous, setAnonymous] = useState(true)
  const [categories, setCategories] = useState<TipCategory[]>([])
  const [category, setCategory] = useState<TipCategory | null>(null)
  const [departments, setDepartments] = useState<Department[]>([])
  const [branch, setBranch] = useState<Department | null>(null)
  const [station, setStation] = useState<Department | null>(null)
  const [place, setPlace] = useState('')
  const [content, setContent] = useState('')
  const [photos, setPhotos] = useState<string[]>([])
  const [sheet, setSheet] = useState<Sheet>(null)
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    getTipCategories().then(setCategories).catch(() => undefined)
    getDepartments().then(setDepartments).catch(() => undefined)
  }, [])

  const city = departments.find((d) => d.parentId === null)
  const branches = departments.filter((d) => city && d.parentId === city.id)
  const stations = departments.filter((d) => branch && d.parentId === branch.id && d.kind === 'station')

  const choices: Choice[] =
    sheet === 'category'
      ? categories.map((c) => ({ key: String(c.id), label: c.name }))
      : sheet === 'branch'
        ? [{ key: '', label: '不选择（由市局受理）' }, ...branches.map((d) => ({ key: d.id, label: d.name }))]
        : [{ key: '', label: `不选择（由${branch?.name ?? ''}受理）` }, ...stations.map((d) => ({ key: d.id, label: d.name }))]

  const pick = (c: Choice) => {
    if (sheet === 'category') setCategory(categories.find((x) => String(x.id) === c.key) ?? null)
    if (sheet === 'branch') {
      setBranch(branches.find((d) => d.id === c.key) ?? null)
      setStation(null)
    }
    if (sheet === 'station') setStation(stations.find((d) => d.id === c.key) ?? null)
    setSheet(null)
  }

  const submit = async () => {
    if (busy) return
    if (!category) return setError('请选择线索类别')
    if (!content.trim()) return setError('请输入线索内容')
    setError('')
    setBusy(true)
    try {
      const images = await Promise.all(photos.map(photoBase64))
      const tip = await sendTip({
        anonymous,
        categoryId: category.id,
        content: content.trim(),
        ...(place.trim() ? { place: place.trim() } : {}),
        ...(station ?? branch ? { departmentId: (station ?? branch)!.id } : {}),
        photos: images,
      })
      await dialog({ title: '提交成功', content: `您的回执码：${tip.receiptCode}，可在「我的举报」中查看处理进度。`, showCancel: false })
      await Taro.redirectTo({ url: PAGES.tipMine })
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '图片读取失败，请重新选择')
    } finally {
      setBusy(false)
    }
  }

  const pickRow = (label: string, value: string | undefined, which: Sheet, testId: string) => (
    <Tap className='form__row' label={`${label}：${value ?? '请选择'}`} testId={testId} onTap={() => setSheet(which)}>
      <Text className='form__label'>{label}</Text>
      <View className='form__pick'>
        <Text className={value ? 'form__value' : 'form__placeholder'}>{value ?? '请选择'}</Text>
        <Text className='tip-form__arrow' {...decorative()}>
          ›
        </Text>
      </View>
    </Tap>
  )
  // The error is read out when it appears, and names what is wrong with the field it belongs to.
  const contentError = error === '请输入线索内容' ? 'tip-error' : undefined

  return (
    <PageFrame title='群防群治线索举报' className='tip-form'>
      <View className='card form'>
        <View className='form__row'>
          <Text className='form__label'>是否匿名</Text>
          <View className='tip-form__radios' {...controlProps('radiogroup', '是否匿名')}>
            {[true, false].map((v) => (
              <Tap
                key={String(v)}
                role='radio'
                selected={anonymous === v}
                className={`tip-form__radio ${anonymous === v ? 'tip-form__radio--on' : ''}`}
                testId={`tip-anonymous-${v ? 'yes' : 'no'}`}
                onTap={() => setAnonymous(v)}
              >
                <View className='tip-form__dot' {...decorative()} />
                <Text>{v ? '是' : '否'}</Text>
              </Tap>
            ))}
          </View>
        </View>
        {pickRow('线索类别', category?.name, 'category', 'tip-category')}
        {pickRow('管理部门', branch?.name ?? '市公安局', 'branch', 'tip-branch')}
        {branch && stations.length > 0 && pickRow('派出所', station?.name ?? '不选择', 'station', 'tip-station')}
        <View className='form__row'>
          <Text className='form__label' id='tip-place-label'>
            举报地点
          </Text>
          <Input
            className='form__input'
            placeholder='请输入（选填）'
            maxlength={100}
            value={place}
            data-testid='tip-place'
            {...labelled('tip-place-label', '举报地点')}
            onInput={(e) => setPlace(e.detail.value)}
          />
        </View>
        <View className='form__row form__row--top tip-form__content-row'>
          <Text className='form__label' id='tip-content-label'>
            线索内容
          </Text>
          <View className='tip-form__content'>
            <Textarea
              className='tip-form__textarea'
              placeholder='请输入'
              maxlength={MAX_CONTENT}
              value={content}
              data-testid='tip-content'
              {...labelled('tip-content-label', '线索内容', contentError ?? 'tip-content-count')}
              onInput={(e) => setContent(e.detail.value)}
            />
            <Text className='tip-form__count' id='tip-content-count' data-testid='tip-content-count'>{`${content.length}/${MAX_CONTENT}`}</Text>
          </View>
        </View>
        <View className='form__row form__row--top tip-form__photos-row'>
          <View className='tip-form__photos-head'>
            <Text className='form__label'>图片线索</Text>
            <Text className='muted' data-testid='tip-photo-count'>{`${photos.length}/3`}</Text>
          </View>
          <Text className='muted tip-form__hint'>请上传图片线索</Text>
          <PhotoGrid photos={photos} onChange={setPhotos} onProblem={(m) => toast({ title: m, icon: 'none' })} disabled={busy} />
        </View>
      </View>
      {error && (
        <Text className='field-error tip-form__error' id='tip-error' data-testid='tip-error' {...alertProps()}>
          {error}
        </Text>
      )}
      <View className='form__actions'>
        <ActionButton testId='tip-submit' busy={busy} onClick={() => void submit()}>
          提交
        </ActionButton>
      </View>
      <Text className='muted tip-form__copy'>常州市公安局版权所有</Text>
      {sheet && (
        <ChoiceSheet
          title={sheet === 'category' ? '线索类别' : sheet === 'branch' ? '管理部门' : '派出所'}
          choices={choices}
          onPick={pick}
          onClose={() => setSheet(null)}
          testId={`tip-sheet-${sheet}`}
        />
      )}
    </PageFrame>
  )
}
