import { Input, View } from '@tarojs/components'
import ActionButton from '@/components/action-button'
import { ICONS } from '@/utils/icons'
import { decorative, IS_H5 } from '@/utils/a11y'
import './index.scss'

// The search row of the guide's list pages (单位列表 图7, 单位从业人员 图11): a rounded box with
// a magnifier, then 「搜索」. Enter on the keyboard searches too.

type Props = {
  value: string
  placeholder: string
  onChange: (value: string) => void
  onSearch: () => void
  busy?: boolean
  maxlength?: number
  testId?: string
}

export default function SearchBar({ value, placeholder, onChange, onSearch, busy, maxlength = 50, testId }: Props) {
  return (
    <View className='search'>
      <View className='search__box'>
        <View className='search__icon' style={{ backgroundImage: ICONS.search }} {...decorative()} />
        <Input
          className='search__input'
          type='text'
          confirmType='search'
          maxlength={maxlength}
          placeholder={placeholder}
          value={value}
          onInput={(e) => onChange(e.detail.value)}
          onConfirm={onSearch}
          data-testid={testId}
          // Named by what it searches for (the placeholder says it, and stays the name once text is typed).
          {...(IS_H5 ? { nativeProps: { 'aria-label': placeholder } } : { 'aria-label': placeholder })}
        />
      </View>
      <ActionButton className='search__btn' busy={busy} onClick={onSearch}>
        搜索
      </ActionButton>
    </View>
  )
}
