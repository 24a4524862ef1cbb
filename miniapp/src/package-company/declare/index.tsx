import { useEffect, useState } from 'react'
import { Input, Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import ActionButton from '@/components/action-button'
import PageFrame from '@/components/page-frame'
import Tap from '@/components/tap'
import { declareCompany, getDepartments } from '@/services/companies'
import { EVENTS, PAGES } from '@/services/config'
import { ApiError } from '@/services/request'
import type { Department, RegistryCompany } from '@/services/types'
import { ICONS } from '@/utils/icons'
import { alertProps, decorative, labelled } from '@/utils/a11y'
import { ADDRESS_MAX, addressProblem, phoneProblem } from '@/utils/validate'
import DeptSheet from './dept-sheet'
import '../form.scss'
import './index.scss'
import { announce, toast } from '@/services/feedback'

// 申报保安单位 (guide 图6): 选择单位 from the registry, 管理部门 in two levels, 经营地址, 联系电话,
// 所属行业 fixed. Submitting creates a pending declaration; its status page shows the 审核二维码.

type Field = 'company' | 'department' | 'address' | 'phone'
type Errors = Partial<Record<Field, string>>

/** The field a server refusal belongs to. */
const FIELD_OF: Record<string, Field> = {
  company_already_declared: 'company',
  department_invalid: 'department',
  address_invalid: 'address',
  phone_invalid: 'phone',
}

export default function Declare() {
  const [company, setCompany] = useState<RegistryCompany | null>(null)
  const [departments, setDepartments] = useState<Department[]>([])
  const [branch, setBranch] = useState<Department | null>(null)
  const [unit, setUnit] = useState<Department | null>(null)
  const [sheet, setSheet] = useState<{ branch: Department | null } | null>(null)
  const [address, setAddress] = useState('')
  const [phone, setPhone] = useState('')
  const [errors, setErrors] = useState<Errors>({})
  const [submitting, setSubmitting] = useState(false)

  useEffect(() => {
    const picked = (item: RegistryCompany) => {
      setCompany(item)
      setErrors((prev) => ({ ...prev, company: undefined }))
    }
    Taro.eventCenter.on(EVENTS.registryPicked, picked)
    return () => {
      Taro.eventCenter.off(EVENTS.registryPicked, picked)
    }
  }, [])

  const openSheet = async (level: 'branch' | 'unit') => {
    if (submitting) return
    if (departments.length === 0) {
      try {
        setDepartments(await getDepartments())
      } catch {
        return // request.ts showed the message
      }
    }
    setSheet({ branch: level === 'unit' ? branch : null })
  }

  const submit = async () => {
    if (submitting) return
    const trimmed = address.trim()
    const found: Errors = {
      company: company ? undefined : '请选择单位',
      department: unit ? undefined : '请选择管理部门（分局及派出所）',
      address: addressProblem(address) ?? undefined,
      phone: phoneProblem(phone) ? '请输入正确的联系电话（11位手机号码）' : undefined,
    }
    setErrors(found)
    const first = found.company ?? found.department ?? found.address ?? found.phone
    if (first || !company || !unit) {
      if (first) announce(first)
      return
    }
    setSubmitting(true)
    try {
      await declareCompany({ registryCompanyId: company.id, departmentId: unit.id, address: trimmed, contactPhone: phone.trim() })
      toast({ title: '提交成功', icon: 'success', duration: 1500 })
      await new Promise((resolve) => setTimeout(resolve, 800))
      await Taro.redirectTo({ url: PAGES.declarationStatus })
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError(0, 'unknown', '提交失败，请稍后重试')
      const field = FIELD_OF[err.code]
      if (field) setErrors((prev) => ({ ...prev, [field]: err.message }))
      toast({ title: err.message, icon: 'none', duration: 2500 })
      setSubmitting(false)
    }
  }

  const arrow = <View className='form__arrow' style={{ backgroundImage: ICONS.arrow }} {...decorative()} />
  const error = (field: Field) =>
    errors[field] && (
      <Text className='field-error form__error' id={`error-${field}`} {...alertProps()}>
        {errors[field]}
      </Text>
    )

  return (
    <PageFrame title='申报保安单位' className='declare'>
      <View className='card form'>
        <Tap
          className='form__row'
          testId='pick-company'
          label={`选择单位：${company ? company.name : '请选择单位'}`}
          disabled={submitting}
          onTap={() => void Taro.navigateTo({ url: PAGES.registry })}
        >
          <Text className='form__label'>选择单位</Text>
          <View className='form__pick'>
            {company ? (
              <View className='form__value'>
                <Text data-testid='picked-company'>{company.name}</Text>
                <Text className='form__sub'>{company.creditCode}</Text>
              </View>
            ) : (
              <Text className='form__value form__placeholder'>请选择单位</Text>
            )}
            {arrow}
          </View>
        </Tap>
        {error('company')}

        <Tap className='form__row' testId='pick-branch' label={`管理部门：${branch?.name ?? '请选择'}`} onTap={() => void openSheet('branch')}>
          <Text className='form__label'>管理部门</Text>
          <View className='form__pick'>
            <Text className={`form__value ${branch ? '' : 'form__placeholder'}`}>{branch?.name ?? '请选择'}</Text>
            {arrow}
          </View>
        </Tap>
        {branch && (
          <Tap className='form__row' testId='pick-unit' label={`派出所：${unit?.name ?? '请选择派出所'}`} onTap={() => void openSheet('unit')}>
            <Text className='form__label' />
            <View className='form__pick'>
              <Text className={`form__value ${unit ? '' : 'form__placeholder'}`}>{unit?.name ?? '请选择派出所'}</Text>
              {arrow}
            </View>
          </Tap>
        )}
        {error('department')}

        <View className='form__row declare__address-row'>
          <Text className='form__label' id='declare-address-label'>
            经营地址
          </Text>
          {/* Several lines: a long address stays readable while it is typed. No silent cut: */}
          {/* past ADDRESS_MAX the message says so. */}
          <Textarea
            className='form__input declare__address'
            maxlength={-1}
            autoHeight
            placeholder='请输入经营地址'
            value={address}
            disabled={submitting || undefined}
            data-testid='declare-address'
            {...labelled('declare-address-label', '经营地址', errors.address ? 'error-address' : undefined)}
            onInput={(e) => {
              const value = e.detail.value
              setAddress(value)
              const over = [...value.trim()].length > ADDRESS_MAX
              setErrors((prev) => ({ ...prev, address: over ? addressProblem(value) ?? undefined : undefined }))
            }}
          />
        </View>
        {error('address')}

        <View className='form__row'>
          <Text className='form__label' id='declare-phone-label'>
            联系电话
          </Text>
          <Input
            className='form__input'
            // H5: a text box (type=number ignores maxlength); weapp: the digit keyboard.
            type={process.env.TARO_ENV === 'h5' ? 'text' : 'number'}
            maxlength={11}
            placeholder='请输入联系电话'
            {...labelled('declare-phone-label', '联系电话', errors.phone ? 'error-phone' : undefined)}
            value={phone}
            disabled={submitting || undefined}
            onInput={(e) => {
              setPhone(e.detail.value)
              setErrors((prev) => ({ ...prev, phone: undefined }))
            }}
          />
        </View>
        {error('phone')}

        <View className='form__row'>
          <Text className='form__label'>所属行业</Text>
          <Text className='form__value'>保安服务企业</Text>
        </View>
      </View>

      <View className='form__actions'>
        <ActionButton testId='declare-submit' busy={submitting} onClick={submit}>
          提交
        </ActionButton>
      </View>

      {sheet && (
        <DeptSheet
          departments={departments}
          branch={sheet.branch}
          onBranch={(b) => setSheet({ branch: b })}
          onUnit={(b, u) => {
            setBranch(b)
            setUnit(u)
            setSheet(null)
            setErrors((prev) => ({ ...prev, department: undefined }))
          }}
          onClose={() => setSheet(null)}
        />
      )}
    </PageFrame>
  )
}
