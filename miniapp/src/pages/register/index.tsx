import { useEffect, useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import ActionButton from '@/components/action-button'
import PageFrame from '@/components/page-frame'
import { getMe, registerIdentity } from '@/services/api'
import { finishVerification } from '@/services/flow'
import { ApiError } from '@/services/request'
import { getSession } from '@/services/session'
import { idNumberProblem, NAME_MAX, nameProblem } from '@/utils/validate'
import { alertProps, labelled } from '@/utils/a11y'
import { announce } from '@/services/feedback'
import PhotoPicker, { type Photo } from './photo-picker'
import './index.scss'
import { toast } from '@/services/feedback'

// 用户信息 (guide 图3): self registration with 姓名, 身份证号码, the masked phone and a face photo.
// The checks here are for quick feedback; the server decides and its answer is shown in place.

type Field = 'name' | 'idNumber' | 'photo'
type Errors = Partial<Record<Field, string>>

/** Which field a server error belongs to, so it can be shown under that field. */
function fieldOf(err: ApiError): Field | null {
  const { code, message } = err
  if (code.startsWith('name')) return 'name'
  if (code.startsWith('id_number')) return 'idNumber'
  if (code.startsWith('photo') || code.startsWith('face')) return 'photo'
  if (code === 'invalid_input') {
    if (message.includes('身份证')) return 'idNumber'
    if (message.includes('姓名')) return 'name'
    if (message.includes('头像') || message.includes('照片')) return 'photo'
  }
  return null
}

export default function Register() {
  const [name, setName] = useState('')
  const [idNumber, setIdNumber] = useState('')
  const [photo, setPhoto] = useState<Photo | null>(null)
  const [phoneMasked, setPhoneMasked] = useState(() => getSession()?.user?.phoneMasked ?? '')
  const [errors, setErrors] = useState<Errors>({})
  const [submitting, setSubmitting] = useState(false)

  useEffect(() => {
    if (phoneMasked) return
    getMe({ toast: false })
      .then((me) => setPhoneMasked(me.phoneMasked))
      .catch(() => undefined)
  }, [phoneMasked])

  const setField = (field: Field, message?: string) => setErrors((prev) => ({ ...prev, [field]: message }))

  const submit = async () => {
    if (submitting) return
    const found: Errors = {
      name: nameProblem(name) ?? undefined,
      idNumber: idNumberProblem(idNumber) ?? undefined,
      photo: photo ? undefined : '请拍摄正面人脸照片上传',
    }
    setErrors(found)
    const first = found.name ?? found.idNumber ?? found.photo
    if (first || !photo) {
      if (first) announce(first)
      return
    }
    setSubmitting(true)
    try {
      await registerIdentity({
        name: name.trim(),
        idNumber: idNumber.trim().toUpperCase(),
        photoPath: photo.path,
        photoName: photo.name,
      })
      await finishVerification()
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError(0, 'unknown', '提交失败，请稍后重试')
      const field = fieldOf(err)
      if (field) setField(field, err.message)
      toast({ title: err.message, icon: 'none', duration: 2500 })
      setSubmitting(false)
    }
  }

  return (
    <PageFrame title='用户信息' className='reg'>
      <View className='card reg__form'>
        <View className='reg__row'>
          <Text className='reg__label' id='reg-name-label'>
            姓名
          </Text>
          <Input
            className='reg__input'
            type='text'
            // No silent cut (weapp's default is 140): a name over NAME_MAX is refused with a message.
            maxlength={-1}
            placeholder='请输入姓名'
            value={name}
            disabled={submitting || undefined}
            onInput={(e) => {
              const value = e.detail.value
              setName(value)
              setField('name', [...value.trim()].length > NAME_MAX ? `姓名不能超过 ${NAME_MAX} 个字` : undefined)
            }}
            data-testid='reg-name'
            {...labelled('reg-name-label', '姓名', errors.name ? 'error-name' : undefined)}
          />
        </View>
        {errors.name && <Text className='field-error reg__error' id='error-name' data-testid='error-name' {...alertProps()}>{errors.name}</Text>}

        <View className='reg__row'>
          <Text className='reg__label' id='reg-id-label'>
            身份证号码
          </Text>
          <Input
            className='reg__input'
            type='idcard'
            maxlength={18}
            placeholder='请输入身份证号码'
            value={idNumber}
            disabled={submitting || undefined}
            onInput={(e) => {
              setIdNumber(e.detail.value)
              setField('idNumber')
            }}
            data-testid='reg-id-number'
            {...labelled('reg-id-label', '身份证号码', errors.idNumber ? 'error-id-number' : undefined)}
          />
        </View>
        {errors.idNumber && <Text className='field-error reg__error' id='error-id-number' data-testid='error-id-number' {...alertProps()}>{errors.idNumber}</Text>}

        <View className='reg__row'>
          <Text className='reg__label'>手机号码</Text>
          <Text className='reg__static' data-testid='reg-phone'>{phoneMasked}</Text>
        </View>

        <View className='reg__row reg__row--photo'>
          <Text className='reg__label'>头像</Text>
          <PhotoPicker
            value={photo}
            disabled={submitting || undefined}
            onChange={(p) => {
              setPhoto(p)
              setField('photo')
            }}
            onProblem={(message) => {
              setField('photo', message)
              toast({ title: message, icon: 'none', duration: 2500 })
            }}
          />
        </View>
        {errors.photo && <Text className='field-error reg__error' id='error-photo' data-testid='error-photo' {...alertProps()}>{errors.photo}</Text>}
      </View>
      <Text className='muted reg__hint'>请拍摄本人正面、免冠、光线充足的人脸照片。</Text>

      <View className='reg__actions'>
        <ActionButton testId='reg-submit' busy={submitting} onClick={submit}>
          提交
        </ActionButton>
      </View>
    </PageFrame>
  )
}
