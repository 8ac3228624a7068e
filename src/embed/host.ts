import { hostChannel } from './host-channel'
import { checkHostOptions } from './host-options'

export type { CardletHostOptions, CardletSession } from './host-options'

/**
 * `cardlet/host.js`: the host mini-program calls `configure()` once, before or after its
 * pages show Cardlet's widgets (from `app.js` `onLaunch`, typically). Widgets already on
 * screen pick the options up at once. Wrong options throw a TypeError naming the fields.
 */
export function configure(options: unknown): void {
  const checked = checkHostOptions(options)
  if (!checked.ok) throw new TypeError(checked.message)
  const channel = hostChannel()
  channel.options = checked.options
  for (const listener of channel.listeners) listener(checked.options)
}
