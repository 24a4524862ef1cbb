import { useEffect, useState } from 'react'
import { Input, Text, Textarea, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import ActionButton from '@/components/action-button'
import PageFrame from '@/components/page-frame'
import Tap from '@/components/tap'
import DeptSheet from '@/package-company/declare/dept-sheet'
import { getDepartments } from '@/services/companies'
import { EVENTS } from '@/services/config'
import { ApiError } from '@/services/request'
import type { Department } from '@/services/types'
import { createZone, getZone, updateZone } from '@/services/zones'
import type { ZoneForm } from '@/services/zone-types'
import { alertProps, decorative, IS_H5, labelled } from '@/utils/a11y'
import { ICONS } from '@/utils/icons'
import PlaceField, { type Place } from './place'
import '@/package-company/form.scss'
import '@/package-company/declare/index.scss'
import '../zones.scss'
import './index.scss'
import { toast } from '@/services/feedback'

// 添加巡区 / 编辑巡区 (guide 2.4 §2–3): 巡区名称, 管理部门 (分局 → 派出所, the declaration form's
// picker), 巡区地点, 地址描述, 电子围栏 (metres from the point within which a scan may clock; 0 =
// 关闭), 巡区备注 with its 0/200 counter, 提交. The server's refusals are shown under their field in
// its own words.

type Field = 'name' | 'department' | 'place' | 'detail' | 'geofence' | 'remark'
type Errors = Partial<Record<Field, string>>

const FIELD_OF: Record<string, Field> = {
  name_invalid: 'name',
  zone_name_taken: 'name',
  department_invalid: 'department',
  point_invalid: 'place',
  address_invalid: 'place',
  address_detail_too_long: 'detail',
  geofence_invalid: 'geofence',
  remark_too_long: 'remark',
}

const REMARK_MAX = 200
const GEOFENCE_MAX = 5000

/** 电子围栏 as typed: empty is 0 (关闭); a whole number of metres 0–5000, else null. */
function geofenceOf(text: string): number | null {
  const t = text.trim()
  if (t === '') return 0
  if (!/^\d{1,4}$/.test(t)) return null
  const m = Number(t)
  return m <= GEOFENCE_MAX ? m : null
}

export default function ZoneEdit() {
  const { params } = useRouter()
  const zoneId = params.id ?? ''
  const [loading, setLoading] = useState(Boolean(zoneId))
  const [name, setName] = useState('')
  const [departments, setDepartments] = useState<Department[]>([])
  const [dept, setDept] = useState<{ id: string; label: string } | null>(null)
  const [sheet, setSheet] = useState<{ branch: Department | null } | null>(null)
  const [place, setPlace] = useState<Place>({ lat: '', lng: '', address: '' })
  const [detail, setDetail] = useState('')
  const [geofence, setGeofence] = useState('0')
  const [remark, setRemark] = useState('')
  const [errors, setErrors] = useState<Errors>({})
  const [submitting, setSubmitting] = useState(false)

  useEffect(() => {
    if (!zoneId) return
    void Taro.setNavigationBarTitle({ title: '编辑巡区' })
    getZone(zoneId)
      .then((z) => {
        setName(z.name)
        setDept({ id: z.departmentId, label: [z.branchName, z.departmentName].filter(Boolean).join(' ') })
        setPlace({ lat: String(z.lat), lng: String(z.lng), address: z.address })
        setDetail(z.addressDetail ?? '')
        setGeofence(String(z.geofenceM ?? 0))
        setRemark(z.remark ?? '')
      })
      .catch(() => undefined) // request.ts showed the message
      .finally(() => setLoading(false))
  }, [zoneId])

  const clear = (field: Field) => setErrors((prev) => ({ ...prev, [field]: undefined }))

  const openSheet = async () => {
    if (submitting) return
    if (departments.length === 0) {
      try {
        setDepartments(await getDepartments())
      } catch {
        return // request.ts showed the message
      }
    }
    setSheet({ branch: null })
  }

  const check = (): { form: ZoneForm | null; found: Errors } => {
    const lat = Number(place.lat)
    const lng = Number(place.lng)
    const pointOk = place.lat.trim() !== '' && place.lng.trim() !== '' && lat >= -90 && lat <= 90 && lng >= -180 && lng <= 180
    const address = place.address.trim()
    const geofenceM = geofenceOf(geofence)
    const found: Errors = {
      name: name.trim() ? (name.trim().length > 30 ? '巡区名称不能超过30个字' : undefined) : '请输入巡区名称',
      department: dept ? undefined : '请选择管理部门（分局及派出所）',
      place: !address ? '请选择巡区地点' : !pointOk ? '请填写正确的巡区地点经纬度' : undefined,
      detail: detail.trim().length > 100 ? '地址描述不能超过100个字' : undefined,
      geofence: geofenceM === null ? `电子围栏应为0至${GEOFENCE_MAX}米的整数（0为关闭）` : undefined,
      remark: remark.length > REMARK_MAX ? `巡区备注不能超过${REMARK_MAX}个字` : undefined,
    }
    const bad = Object.values(found).some(Boolean)
    if (bad || !dept || geofenceM === null) return { form: null, found }
    return {
      form: { name: name.trim(), departmentId: dept.id, lat, lng, address, addressDetail: detail.trim(), geofenceM, remark: remark.trim() },
      found,
    }
  }

  const submit = async () => {
    if (submitting || loading) return
    const { form, found } = check()
    setErrors(found)
    if (!form) {
      const first = Object.values(found).find(Boolean)
      if (first) toast({ title: first, icon: 'none', duration: 2500 })
      return
    }
    setSubmitting(true)
    try {
      if (zoneId) await updateZone(zoneId, form)
      else await createZone(form)
      Taro.eventCenter.trigger(EVENTS.zoneSaved)
      toast({ title: zoneId ? '保存成功' : '添加成功', icon: 'success', duration: 1500 })
      await new Promise((resolve) => setTimeout(resolve, 800))
      await Taro.navigateBack()
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError(0, 'unknown', '提交失败，请稍后重试')
      const field = FIELD_OF[err.code]
      if (field) setErrors((prev) => ({ ...prev, [field]: err.message }))
      toast({ title: err.message, icon: 'none', duration: 2500 })
      setSubmitting(false)
    }
  }

  const busy = submitting || loading
  const fenceM = geofenceOf(geofence)

  const error = (field: Field) =>
    errors[field] && (
      <Text className='field-error form__error' id={`error-${field}`} {...alertProps()}>
        {errors[field]}
      </Text>
    )
  const described = (field: Field) => (errors[field] ? `error-${field}` : undefined)

  return (
    <PageFrame title={zoneId ? '编辑巡区' : '添加巡区'} className='zone-edit'>
      <View className='card form'>
        <View className='form__row'>
          <Text className='form__label' id='zone-name-label'>
            巡区名称
          </Text>
          <Input
            className='form__input'
            type='text'
            maxlength={30}
            placeholder='请输入巡区名称'
            {...labelled('zone-name-label', '巡区名称', described('name'))}
            value={name}
            disabled={busy || undefined}
            onInput={(e) => {
              setName(e.detail.value)
              clear('name')
            }}
          />
        </View>
        {error('name')}

        <Tap className='form__row' testId='pick-department' label={`管理部门：${dept?.label ?? '请选择分局及派出所'}`} onTap={() => void openSheet()}>
          <Text className='form__label'>管理部门</Text>
          <View className='form__pick'>
            <Text className={`form__value ${dept ? '' : 'form__placeholder'}`} data-testid='picked-department'>
              {dept?.label ?? '请选择分局及派出所'}
            </Text>
            <View className='form__arrow' style={{ backgroundImage: ICONS.arrow }} {...decorative()} />
          </View>
        </Tap>
        {error('department')}

        <PlaceField
          place={place}
          disabled={busy}
          describedBy={described('place')}
          onChange={(p) => {
            setPlace(p)
            clear('place')
          }}
        />
        {error('place')}

        <View className='form__row'>
          <Text className='form__label' id='zone-detail-label'>
            地址描述
          </Text>
          <Input
            className='form__input'
            type='text'
            maxlength={100}
            placeholder='如楼栋、楼层、门岗'
            {...labelled('zone-detail-label', '地址描述', described('detail'))}
            value={detail}
            disabled={busy || undefined}
            onInput={(e) => {
              setDetail(e.detail.value)
              clear('detail')
            }}
          />
        </View>
        {error('detail')}

        <View className='form__row'>
          <Text className='form__label' id='zone-fence-label'>
            电子围栏
          </Text>
          <Input
            className='form__input zone-edit__fence'
            // H5: a text box (type=number ignores maxlength); weapp: the digit keyboard.
            type={IS_H5 ? 'text' : 'number'}
            maxlength={4}
            placeholder='0为关闭'
            value={geofence}
            {...labelled('zone-fence-label', '电子围栏（米）', described('geofence') ?? 'zone-fence-hint')}
            disabled={busy || undefined}
            onInput={(e) => {
              setGeofence(e.detail.value)
              clear('geofence')
            }}
          />
          <Text className='zone-edit__unit'>米</Text>
          <Text className={`zone-edit__fence-state ${fenceM ? 'zone-edit__fence-state--on' : ''}`} data-testid='geofence-state'>
            {fenceM ? '已开启' : '关闭'}
          </Text>
        </View>
        <Text className='zone-edit__fence-hint' id='zone-fence-hint'>
          {fenceM ? `须在巡区地点${fenceM}米内扫码打卡` : '不限打卡位置；填写米数（最多5000）即开启'}
        </Text>
        {error('geofence')}

        <View className='form__row form__row--top zone-edit__remark'>
          <Text className='form__label' id='zone-remark-label'>
            巡区备注
          </Text>
          <View className='zone-edit__remark-box'>
            <Textarea
              className='zone-edit__textarea'
              maxlength={REMARK_MAX}
              placeholder='请输入巡区备注'
              {...labelled('zone-remark-label', '巡区备注', described('remark') ?? 'remark-count')}
              value={remark}
              disabled={busy || undefined}
              onInput={(e) => {
                setRemark(e.detail.value)
                clear('remark')
              }}
            />
            <Text className='muted zone-edit__count' id='remark-count' data-testid='remark-count'>{`${remark.length}/${REMARK_MAX}`}</Text>
          </View>
        </View>
        {error('remark')}
      </View>

      <View className='form__actions'>
        <ActionButton testId='zone-submit' busy={submitting} inactive={loading} onClick={submit}>
          提交
        </ActionButton>
      </View>

      {sheet && (
        <DeptSheet
          departments={departments}
          branch={sheet.branch}
          onBranch={(b) => setSheet({ branch: b })}
          onUnit={(b, u) => {
            setDept({ id: u.id, label: `${b.name} ${u.name}` })
            setSheet(null)
            clear('department')
          }}
          onClose={() => setSheet(null)}
        />
      )}
    </PageFrame>
  )
}
