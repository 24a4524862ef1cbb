import { Button } from '@tarojs/components'
import type { ButtonProps } from '@tarojs/components'

// A thumb-sized button in the app's two looks. Taro H5 writes disabled="false" / loading="false"
// as attributes, and its stylesheet fades any [disabled] button; so these props are only passed
// when true. role + aria-disabled let H5 tests find it by role and see the disabled state (`toBeDisabled()`).

type Props = Omit<ButtonProps, 'disabled' | 'loading' | 'type'> & {
  kind?: 'primary' | 'plain'
  /** Shows the spinner and disables the button. */
  busy?: boolean
  /** Disabled without spinner. */
  inactive?: boolean
  testId?: string
}

export default function ActionButton({ kind = 'primary', busy = false, inactive = false, testId, className = '', children, ...rest }: Props) {
  const off = busy || inactive
  return (
    <Button
      {...rest}
      className={`btn-${kind} ${off ? 'btn-disabled' : ''} ${className}`}
      data-testid={testId}
      {...{ role: 'button', 'aria-disabled': off ? 'true' : 'false' }}
      {...(busy ? { loading: true } : {})}
      {...(off ? { disabled: true } : {})}
    >
      {children}
    </Button>
  )
}
