import { useEffect, useRef } from 'react'
import { Text, View } from '@tarojs/components'
import Tap from '@/components/tap'
import { decorative, IS_H5 } from '@/utils/a11y'

// A bottom sheet of choices (线索类别, 管理部门, 转办至): one real button per choice, so a screen
// reader names each one and tests click them by their words. A tap outside closes it. H5: a
// dialog named by its title; focus moves into it and back to where it was, Esc closes it.

export type Choice = { key: string; label: string }

type Props = {
  title: string
  choices: Choice[]
  onPick: (choice: Choice) => void
  onClose: () => void
  testId: string
}

let sheets = 0

export default function ChoiceSheet({ title, choices, onPick, onClose, testId }: Props) {
  const titleId = useRef(`choice-sheet-title-${++sheets}`).current
  const closeRef = useRef(onClose)
  closeRef.current = onClose

  useEffect(() => {
    if (!IS_H5 || typeof document === 'undefined') return
    const before = document.activeElement as HTMLElement | null
    const panel = document.querySelector<HTMLElement>(`[aria-labelledby="${titleId}"]`)
    panel?.querySelector<HTMLElement>('[role="button"]')?.focus()
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') closeRef.current()
    }
    document.addEventListener('keydown', onKey)
    return () => {
      document.removeEventListener('keydown', onKey)
      if (before?.isConnected) before.focus()
    }
  }, [titleId])

  return (
    <View className='sheet' data-testid={testId}>
      <View className='sheet__mask' onClick={onClose} {...decorative()} />
      <View className='sheet__panel' {...(IS_H5 ? { role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': titleId } : {})}>
        <View className='sheet__head'>
          <Text className='sheet__title' id={titleId}>
            {title}
          </Text>
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
