import type { PropsWithChildren } from 'react'
import { View } from '@tarojs/components'
import { IS_H5 } from '@/utils/a11y'
import './index.scss'

// A tappable row, tile or link that is a real control (issue 14). H5: role=button (or link), in
// the Tab order, Enter and Space act like a tap, aria-disabled / aria-pressed / aria-current when
// given. weapp: aria-role / aria-label, which WeChat's screen reader reads (config/aria-plugin.js
// keeps them in the built WXML). Without `label`, the control is named by the text inside it.

type Props = PropsWithChildren<{
  onTap: () => void
  /** The accessible name when the visible text is not enough (an icon, a row of several texts). */
  label?: string
  role?: 'button' | 'link' | 'tab' | 'option' | 'checkbox' | 'radio'
  className?: string
  testId?: string
  disabled?: boolean
  /** Selected / checked state, for option, tab, radio and checkbox roles and toggle buttons. */
  selected?: boolean
  style?: Record<string, string>
}>

export default function Tap({ onTap, label, role = 'button', className = '', testId, disabled, selected, style, children }: Props) {
  const act = () => {
    if (!disabled) onTap()
  }
  const state: Record<string, unknown> = {}
  if (disabled) state['aria-disabled'] = 'true'
  if (selected !== undefined) {
    const key = role === 'checkbox' || role === 'radio' ? 'aria-checked' : role === 'option' || role === 'tab' ? 'aria-selected' : 'aria-pressed'
    state[key] = selected ? 'true' : 'false'
  }
  const a11y: Record<string, unknown> = IS_H5
    ? {
        role,
        tabIndex: disabled ? -1 : 0,
        ...(label ? { 'aria-label': label } : {}),
        onKeyDown: (e: KeyboardEvent) => {
          if (e.key === 'Enter' || e.key === ' ') {
            e.preventDefault()
            act()
          }
        },
        ...state,
      }
    : { 'aria-role': role, ...(label ? { 'aria-label': label } : {}), ...state }
  return (
    <View className={`tap ${disabled ? 'tap--disabled' : ''} ${className}`} data-testid={testId} style={style} onClick={act} {...a11y}>
      {children}
    </View>
  )
}
