// The pull-down-refresh wrapper Taro's H5 router puts around a page whose config sets
// `enablePullDownRefresh`, for the web builds with `h5.useHtmlComponents` (swapped in
// for @tarojs/components-react's by config/web-chain.ts). Written here because that one
// (Taro 4.1.11) does not work: it looks for the page on its own inner wrapper rather
// than the page element, so `onPullDownRefresh` never runs, and it takes that wrapper's
// scrollTop (always 0) for the page's, so a page scrolled down could not be scrolled
// back up. NutUI's PullToRefresh does not stand in: it is a component around content,
// not the router's page wrapper, so a page config's `enablePullDownRefresh` and
// `usePullDownRefresh` (which the mini-programs' native pull-down serves) never reach
// it. Plain JavaScript: it stands in for a package's module, whose loaders (not
// our TypeScript ones) webpack has chosen by then.
//
// The contract is Taro's: a pull past THRESHOLD_PX at the top of the page calls the
// page's `onPullDownRefresh` (usePullDownRefresh), and `Taro.stopPullDownRefresh()` /
// `startPullDownRefresh()` arrive as `__taroStopPullDownRefresh` /
// `__taroStartPullDownRefresh` on Taro's event centre. The indicator keeps
// @tarojs/components-react's `rmc-pull-to-refresh` classes and styles.
import Taro from '@tarojs/taro'
import { createElement, useEffect, useRef, useState } from 'react'

/** Pull (after damping) that refreshes on release, and the most the page moves. */
const THRESHOLD_PX = 56
const MAX_PX = 96
/** The page follows the finger at this fraction of its travel. */
const DAMPING = 0.5

/** True when neither the touched element nor anything above it is scrolled down. */
function atTop(target) {
  for (let node = target; node && node !== document; node = node.parentNode) {
    if (node.scrollTop > 0) return false
  }
  return (document.scrollingElement?.scrollTop ?? 0) <= 0
}

// Taro's router renders it as `h(wrapper, null, page)`: children only, no ref.
export default function PullDownRefresh({ children }) {
  const root = useRef(null)
  const [offset, setOffset] = useState(0)
  const [phase, setPhase] = useState('idle') // idle | pulling | refreshing

  useEffect(() => {
    const element = root.current
    if (!element) return undefined
    const pageOf = () => element.closest('.taro_page')?.__page
    let startY
    let pulled = 0
    let refreshing = false
    const start = () => {
      refreshing = true
      pulled = THRESHOLD_PX
      setOffset(THRESHOLD_PX)
      setPhase('refreshing')
    }
    const finish = () => {
      refreshing = false
      pulled = 0
      setOffset(0)
      setPhase('idle')
    }
    // A page with no handler would otherwise keep the indicator up for good.
    const refresh = () => {
      const page = pageOf()
      if (typeof page?.onPullDownRefresh !== 'function') return finish()
      start()
      page.onPullDownRefresh()
    }
    const onStart = (event) => {
      startY =
        !refreshing && event.touches.length === 1 && atTop(event.target)
          ? event.touches[0].clientY
          : undefined
    }
    const onMove = (event) => {
      if (startY === undefined) return
      const travel = event.touches[0].clientY - startY
      if (travel <= 0) {
        // An upward swipe is the page's own scroll.
        if (pulled > 0) finish()
        return
      }
      if (event.cancelable) event.preventDefault()
      pulled = Math.min(MAX_PX, travel * DAMPING)
      setOffset(pulled)
      setPhase('pulling')
    }
    const onEnd = () => {
      if (startY === undefined) return
      startY = undefined
      if (pulled >= THRESHOLD_PX) refresh()
      else finish()
    }
    const answer = (action, errMsg) => (callbacks) => {
      action()
      callbacks?.successHandler?.({ errMsg })
    }
    const onStop = answer(finish, 'stopPullDownRefresh: ok')
    const onStartCall = answer(refresh, 'startPullDownRefresh: ok')
    element.addEventListener('touchstart', onStart, { passive: true })
    element.addEventListener('touchmove', onMove, { passive: false })
    element.addEventListener('touchend', onEnd)
    element.addEventListener('touchcancel', onEnd)
    Taro.eventCenter.on('__taroStopPullDownRefresh', onStop)
    Taro.eventCenter.on('__taroStartPullDownRefresh', onStartCall)
    return () => {
      element.removeEventListener('touchstart', onStart)
      element.removeEventListener('touchmove', onMove)
      element.removeEventListener('touchend', onEnd)
      element.removeEventListener('touchcancel', onEnd)
      Taro.eventCenter.off('__taroStopPullDownRefresh', onStop)
      Taro.eventCenter.off('__taroStartPullDownRefresh', onStartCall)
    }
  }, [])

  const moving = phase === 'pulling'
  return createElement(
    'div',
    {
      ref: root,
      className: 'rmc-pull-to-refresh rmc-pull-to-refresh-down',
    },
    createElement(
      'div',
      {
        className: moving
          ? 'rmc-pull-to-refresh-content'
          : 'rmc-pull-to-refresh-content rmc-pull-to-refresh-transition',
        style: offset ? { transform: `translate3d(0px,${offset}px,0)` } : undefined,
      },
      phase === 'refreshing' || offset >= THRESHOLD_PX
        ? createElement(
            'div',
            { className: 'rmc-pull-to-refresh-indicator', 'data-status': phase },
            createElement('div'),
            createElement('div'),
            createElement('div'),
          )
        : null,
      children,
    ),
  )
}
