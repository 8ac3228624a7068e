import { issuerClient } from '@/issuer/client'
import { installTemplateState } from '@/platform/template-state'
import { startCardlet } from '@/start'

import { hostChannel } from './host-channel'
import type { CardletHostOptions } from './host-options'

/**
 * Why the widgets cannot reach the issuer yet: no `configure()` and no issuer URL built
 * in (configure() itself refuses options without one). Rendered as a configuration error.
 */
export type ConfigProblem = 'not_configured'

type Listener = (problem: ConfigProblem | undefined) => void

let started = false
let problem: ConfigProblem | undefined = 'not_configured'
const listeners = new Set<Listener>()

function apply(options: CardletHostOptions | undefined): void {
  // The build's own issuer URL (TARO_APP_ISSUER_BASE_URL), unless the host gives one.
  const baseUrl = options?.issuerBaseUrl ?? issuerClient.transport.baseUrl
  if (options?.session?.mode === 'host') {
    issuerClient.session.useHostSession(options.session.getAccessToken, {
      timeoutMs: options.session.timeoutMs,
    })
  }
  issuerClient.transport.setBaseUrl(baseUrl)
  problem = baseUrl ? undefined : 'not_configured'
  for (const listener of listeners) listener(problem)
}

/**
 * The app-level setup an embedded widget needs, run by the first widget that mounts:
 * a host mini-program runs no `app.js` of Cardlet's, so nothing else would. Installs
 * the template hooks that carry `data-status`, wires Cardlet (src/start), and applies the host's `configure()`
 * options now and whenever it calls again.
 */
export function startEmbedRuntime(): void {
  if (started) return
  started = true
  installTemplateState()
  startCardlet()
  const channel = hostChannel()
  channel.listeners.push(apply)
  apply(channel.options)
}

/** The configuration problem now, if any (the widgets' first render must not call out). */
export function configProblem(): ConfigProblem | undefined {
  return problem
}

/** The current configuration problem, if any, and each change of it. */
export function watchConfig(listener: Listener): () => void {
  listeners.add(listener)
  listener(problem)
  return () => listeners.delete(listener)
}
