import type { CardletHostOptions } from './host-options'

/**
 * Where `configure()` (cardlet/host.js, loaded by the host's own code) leaves its
 * options for the widgets' runtime (loaded by the components): two separately built
 * files whose only shared object is the platform's global (`wx`, `my`, `jd`), which is
 * also where Taro keeps its own cross-file state.
 */
export interface HostChannel {
  options?: CardletHostOptions
  listeners: Array<(options: CardletHostOptions) => void>
}

declare const wx: object | undefined
declare const my: object | undefined
declare const jd: object | undefined

const KEY = '__cardletHost'

function platformGlobal(): Record<string, unknown> {
  if (typeof jd === 'object' && jd) return jd as Record<string, unknown>
  if (typeof my === 'object' && my) return my as Record<string, unknown>
  if (typeof wx === 'object' && wx) return wx as Record<string, unknown>
  return globalThis as unknown as Record<string, unknown>
}

/** The one channel of this app (made on first use). */
export function hostChannel(): HostChannel {
  const global = platformGlobal()
  let channel = global[KEY] as HostChannel | undefined
  if (!channel) {
    channel = { listeners: [] }
    global[KEY] = channel
  }
  return channel
}
