import Taro from '@tarojs/taro'

import type { Frame } from '@/lib/frame'

/** The pages a service widget opens, by widget. */
export type WidgetPage = 'balance' | 'pay-code' | 'bill'

/** The service-widget frames, where a tap on the card opens its widget's full page. */
export const opensPageOnTap = (frame: Frame): boolean =>
  frame.id === 'widget-2x2' || frame.id === 'widget-2x4'

interface TappedNode {
  nodeName?: string
  parentNode?: TappedNode | null
}

/**
 * Whether a tap landed on a control (a button, an input) inside the card: those keep
 * their own meaning. The web builds hand the DOM node; the mini-programs hand the
 * native node's id (`dataset.sid`, or `id`), which Taro's document resolves to its
 * element. Walking up from there is the same on both.
 */
export function tappedControl(event: unknown): boolean {
  const e = event as {
    target?: unknown
    mpEvent?: { target?: { id?: string; dataset?: { sid?: string } } }
  }
  let node: TappedNode | null | undefined
  if (e.mpEvent?.target) {
    const { id, dataset } = e.mpEvent.target
    const key = dataset?.sid ?? id
    node = key ? (document.getElementById(key) as unknown as TappedNode | null) : undefined
  } else {
    node = e.target as TappedNode | undefined
  }
  for (let depth = 0; node && depth < 12; depth += 1) {
    const name = node.nodeName?.toLowerCase()
    if (name === 'button' || name === 'input' || name === 'taro-button-core') return true
    node = node.parentNode
  }
  return false
}

/**
 * Opens the widget's page from a service widget, keeping the language, theme and sandbox
 * persona the card was opened with (the frame is the page's own).
 */
export function openWidgetPage(page: WidgetPage, params: Record<string, string | undefined>) {
  const query = ['lang', 'theme', 'persona']
    .filter((key) => params[key] !== undefined)
    .map((key) => `${key}=${encodeURIComponent(params[key] as string)}`)
    .join('&')
  void Taro.navigateTo({ url: `/pages/${page}/index${query ? `?${query}` : ''}` })
}
