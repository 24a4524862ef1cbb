import { Text, View } from '@tarojs/components'
import Tap from '@/components/tap'

// A bottom sheet of choices (线索类别, 管理部门): one real button per choice, so a screen reader
// names each one and tests click them by their words. A tap outside closes it.

export type Choice = { key: string; label: string }

type Props = {
  title: string
  choices: Choice[]
  onPick: (choice: Choice) => void
  onClose: () => void
  testId: string
}

export default function ChoiceSheet({ title, choices, onPick, onClose, testId }: Props) {
  return (
    <View className='sheet' data-testid={testId}>
      <View className='sheet__mask' onClick={onClose} />
      <View className='sheet__panel' {...{ role: 'dialog', 'aria-modal': 'true', 'aria-label': title }}>
        <View className='sheet__head'>
          <Text className='sheet__title'>{title}</Text>
          <Tap className='sheet__close' onTap={onClose}>
            <Text>取消</Text>
          </Tap>
        </View>
        <View className='sheet__list'>
          {choices.map((c) => (
            <Tap key={c.key} className='sheet__choice' onTap={() => onPick(c)}>
              <Text>{c.label}</Text>
            </Tap>
          ))}
        </View>
      </View>
    </View>
  )
}
