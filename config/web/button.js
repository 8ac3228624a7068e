// The `Button` of Taro's HTML components (@tarojs/components-react), for the web builds,
// swapped in for the package's by config/web-chain.ts. Written here because Taro
// 4.1.11's renders a `<div>` (through its View) with no role and no tab stop: every
// NutUI Button on H5 and harmony-hybrid was out of reach of Tab, Enter and Space, and
// unnamed to a screen reader. This one is a native `<button type="button">`, which the
// browser focuses, activates by Enter and Space and announces as a button. Plain
// JavaScript: it stands in for a package's module (see config/web/view.js).
//
// The contract is Taro's: the props it is given, the `taro-button-core` and `taro-btn-*`
// classes, `hoverClass` while touched, a tap on a disabled button stopped, and the
// `tarobuttonsubmit` / `tarobuttonreset` events for `formType`.
import { createElement, forwardRef, useEffect, useRef, useState } from 'react'

/** NutUI's Button handles `disabled` and `loading` itself and marks them with this class. */
const NUTUI_DISABLED = /(?:^|\s)nut-button-disabled(?:\s|$)/

function Button(
  {
    className,
    children,
    disabled = false,
    hoverClass = 'button-hover',
    hoverStartTime = 20,
    hoverStayTime = 70,
    loading = false,
    type = 'default',
    size,
    plain = false,
    formType,
    onClick,
    onTouchStart,
    onTouchEnd,
    ...other
  },
  ref,
) {
  const [hover, setHover] = useState(false)
  const touching = useRef(false)
  const timer = useRef(undefined)
  useEffect(() => () => clearTimeout(timer.current), [])
  const inert = disabled || NUTUI_DISABLED.test(className ?? '')
  const classes = [
    className,
    'taro-button-core',
    hover && !disabled && hoverClass !== 'none' && hoverClass,
    disabled && 'taro-btn-disabled',
    loading && 'taro-btn-loading',
    plain && 'taro-btn-plain',
    size === 'mini' && 'taro-btn-mini',
    `taro-btn-${type}`,
  ]
    .filter(Boolean)
    .join(' ')
  return createElement(
    'button',
    {
      ...other,
      ref,
      type: 'button',
      className: classes,
      // Focusable while disabled (so a screen reader finds it), announced as unavailable.
      'aria-disabled': inert ? 'true' : undefined,
      'aria-busy': loading ? 'true' : undefined,
      onClick: (e) => {
        if (disabled) {
          e.stopPropagation()
          return
        }
        onClick?.(e)
      },
      onTouchStart: (e) => {
        touching.current = true
        if (hoverClass !== 'none' && !disabled) {
          clearTimeout(timer.current)
          timer.current = setTimeout(() => touching.current && setHover(true), hoverStartTime)
        }
        onTouchStart?.(e)
      },
      onTouchEnd: (e) => {
        touching.current = false
        if (hoverClass !== 'none' && !disabled) {
          clearTimeout(timer.current)
          timer.current = setTimeout(() => !touching.current && setHover(false), hoverStayTime)
        }
        if (!disabled && formType) {
          const name = formType === 'submit' ? 'tarobuttonsubmit' : 'tarobuttonreset'
          e.currentTarget.dispatchEvent(new CustomEvent(name, { bubbles: true }))
        }
        onTouchEnd?.(e)
      },
    },
    children,
  )
}

export default forwardRef(Button)
