// The `View` of Taro's HTML components (@tarojs/components-react), for the web builds,
// swapped in for the package's by config/web-chain.ts. Written here because Taro
// 4.1.11's keeps its class in state and copies a new `className` there from an effect:
// every class change renders the view twice and paints one frame with the old class.
// Every NutUI component draws through it, and the pay-code page's views change class
// when the cards arrive, so the code's answer waited behind that second render and its
// frame before the QR could be drawn. Here the class is computed while rendering (NutUI
// has no View of its own). Plain JavaScript: it stands in for a package's module, whose
// loaders (not our TypeScript ones) webpack has chosen by then.
//
// The contract is Taro's: a `<div>` with the props it is given, `hoverClass` added
// `hoverStartTime` ms into a touch and removed `hoverStayTime` ms after it, and
// `onLongPress` after a 350 ms press.
import { createElement, forwardRef, useEffect, useRef, useState } from 'react'

/** How long a press must last to be a long press (Taro's figure). */
const LONG_PRESS_MS = 350

function View(
  {
    className,
    hoverClass,
    onTouchStart,
    onTouchEnd,
    onTouchMove,
    onLongPress,
    hoverStartTime = 50,
    hoverStayTime = 400,
    ...other
  },
  ref,
) {
  const [hover, setHover] = useState(false)
  const touching = useRef(false)
  const longPress = useRef(undefined)
  const timers = useRef(new Set())
  const later = (fn, ms) => {
    const id = setTimeout(() => {
      timers.current.delete(id)
      fn()
    }, ms)
    timers.current.add(id)
  }
  useEffect(() => {
    const pending = timers.current
    return () => {
      pending.forEach(clearTimeout)
      clearTimeout(longPress.current)
    }
  }, [])

  const classes = [hover && hoverClass, className].filter(Boolean).join(' ')
  return createElement('div', {
    ...other,
    ref,
    className: classes || undefined,
    onTouchStart: (e) => {
      touching.current = true
      if (hoverClass) later(() => touching.current && setHover(true), hoverStartTime)
      onTouchStart?.(e)
      if (onLongPress) longPress.current = setTimeout(() => onLongPress(), LONG_PRESS_MS)
    },
    onTouchMove: (e) => {
      clearTimeout(longPress.current)
      onTouchMove?.(e)
    },
    onTouchEnd: (e) => {
      touching.current = false
      clearTimeout(longPress.current)
      if (hoverClass) later(() => !touching.current && setHover(false), hoverStayTime)
      onTouchEnd?.(e)
    },
  })
}

export default forwardRef(View)
