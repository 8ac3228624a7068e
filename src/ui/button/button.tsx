import './button.scss'

import { Button as TaroButton, View } from '@tarojs/components'
import type { ReactNode } from 'react'

export interface ButtonProps {
  id?: string
  className?: string
  /**
   * `primary`: the widget's main action, filled with the brand colour; `outline` (the
   * default): a bordered secondary action; `plain`: text only.
   */
  variant?: 'primary' | 'outline' | 'plain'
  /** Less padding, for a button beside other content; every button is 48 px high. */
  small?: boolean
  /** Drawn muted and ignores taps. */
  disabled?: boolean
  /** An action in flight: a spinner before the label, drawn muted, ignores taps. */
  loading?: boolean
  'aria-label'?: string
  /** The state QA scripts read (README, "Stable selectors"). */
  'data-status'?: string
  onClick?: () => void
  children?: ReactNode
}

/**
 * Taro's own button (the platform's `<button>` on the mini-programs, an HTML one on the
 * web builds) in the theme's colours. It replaced NutUI's Button and Skeleton, the
 * last NutUI parts in the app (issue 19): on Alipay they came to about 18 KiB of a
 * package held within 1.6× of a bare Taro page (their JS, the icon runtime for the
 * spinner, `@swc/helpers`, `classnames` and 8 KB of CSS), for a styled Taro Button.
 *
 * `disabled` is not handed to the platform button: WeChat and Alipay draw a disabled
 * `<button>` in their own grey with selectors that outrank a class.
 */
export function Button({
  id,
  className,
  variant = 'outline',
  small = false,
  disabled = false,
  loading = false,
  onClick,
  children,
  ...attributes
}: ButtonProps) {
  const classes = [
    'cl-button',
    `cl-button--${variant}`,
    small && 'cl-button--small',
    (disabled || loading) && 'cl-button--disabled',
    className,
  ]
    .filter(Boolean)
    .join(' ')
  return (
    <TaroButton
      id={id}
      className={classes}
      aria-label={attributes['aria-label']}
      data-status={attributes['data-status']}
      onClick={() => {
        if (!disabled && !loading) onClick?.()
      }}
    >
      {loading && <View className='cl-button__spinner' />}
      {children}
    </TaroButton>
  )
}
