import { Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import ActionButton from '@/components/action-button'
import { deviceLocation } from '@/services/location'
import { ICONS } from '@/utils/icons'
import { toast } from '@/services/feedback'

// 巡区地点: a point with its address. weapp picks it on WeChat's map (Taro.chooseLocation, GCJ-02
// like the scans); a browser has no such map, so H5 takes the point as numbers (or the browser's
// position) and the address as text.

export type Place = { lat: string; lng: string; address: string }

type Props = {
  place: Place
  disabled: boolean
  onChange: (place: Place) => void
}

export default function PlaceField({ place, disabled, onChange }: Props) {
  if (process.env.TARO_ENV !== 'h5') {
    const choose = async () => {
      if (disabled) return
      try {
        const lat = Number(place.lat)
        const lng = Number(place.lng)
        const r = await Taro.chooseLocation(place.lat && place.lng ? { latitude: lat, longitude: lng } : {})
        const address = `${r.address ?? ''}${r.name && !(r.address ?? '').includes(r.name) ? r.name : ''}`.slice(0, 100)
        onChange({ lat: String(r.latitude), lng: String(r.longitude), address })
      } catch (e) {
        const msg = String((e as { errMsg?: string })?.errMsg ?? '')
        if (/auth|deny/i.test(msg)) toast({ title: '请在设置中允许使用位置信息', icon: 'none' })
      }
    }
    return (
      <View className='form__row' data-testid='pick-place' onClick={() => void choose()}>
        <Text className='form__label'>巡区地点</Text>
        <View className='form__pick'>
          <Text className={`form__value ${place.address ? '' : 'form__placeholder'}`}>{place.address || '请选择巡区地点'}</Text>
          <View className='form__arrow' style={{ backgroundImage: ICONS.arrow }} />
        </View>
      </View>
    )
  }

  const here = async () => {
    const p = await deviceLocation()
    if (p) onChange({ ...place, lat: String(p.lat), lng: String(p.lng) })
    else toast({ title: '无法获取当前位置，请手动输入经纬度', icon: 'none' })
  }

  return (
    <>
      <View className='form__row'>
        <Text className='form__label'>巡区地点</Text>
        <Input
          className='form__input'
          type='text'
          maxlength={100}
          placeholder='请输入巡区地点（地址）'
          value={place.address}
          disabled={disabled || undefined}
          onInput={(e) => onChange({ ...place, address: e.detail.value })}
        />
      </View>
      <View className='form__row'>
        <Text className='form__label'>纬度</Text>
        <Input
          className='form__input'
          type='text'
          maxlength={12}
          placeholder='纬度，如 31.8107'
          value={place.lat}
          disabled={disabled || undefined}
          onInput={(e) => onChange({ ...place, lat: e.detail.value })}
        />
      </View>
      <View className='form__row'>
        <Text className='form__label'>经度</Text>
        <Input
          className='form__input'
          type='text'
          maxlength={12}
          placeholder='经度，如 119.9741'
          value={place.lng}
          disabled={disabled || undefined}
          onInput={(e) => onChange({ ...place, lng: e.detail.value })}
        />
        <ActionButton kind='plain' className='z-btn zone-edit__here' inactive={disabled} onClick={() => void here()}>
          当前位置
        </ActionButton>
      </View>
    </>
  )
}
