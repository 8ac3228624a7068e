import type { LoginCode } from './port'

function personaFromUrl(): string | undefined {
  if (typeof window === 'undefined') return undefined
  const query = window.location.hash.split('?')[1] ?? window.location.search.slice(1)
  return new URLSearchParams(query).get('persona') ?? undefined
}

/**
 * A sandbox login code for the persona in the URL (`?persona=overdue`) or the build-time
 * TARO_APP_SANDBOX_PERSONA (default "good"), made single-use by a nonce. Web builds use
 * it where no platform login exists (H5, and harmony-hybrid outside a container).
 */
export function sandboxLoginCode(): LoginCode {
  const persona = personaFromUrl() ?? process.env.TARO_APP_SANDBOX_PERSONA ?? 'good'
  const nonce = Math.floor(Math.random() * 0xffffffff).toString(36)
  return { provider: 'h5', code: `sandbox:${persona}:${nonce}` }
}
