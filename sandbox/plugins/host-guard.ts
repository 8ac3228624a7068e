import fp from 'fastify-plugin'

import { Problem } from './problems'

/** `127.0.0.1:4010` → `127.0.0.1`, `[::1]:4010` → `[::1]` (lower case). */
function hostName(host: string): string {
  return host.toLowerCase().replace(/:\d*$/, '')
}

/**
 * DNS-rebinding guard on every route: a page of evil.example whose name was made to
 * resolve to 127.0.0.1 reaches this server with `Host: evil.example`, so a request is
 * served only when its one Host header names the sandbox itself. A second Host header
 * is refused too: Node keeps the first, and whatever proxy sits in front may read the
 * other.
 */
export default fp<{ hosts: readonly string[] }>(
  async (app, { hosts }) => {
    const allowed = new Set(hosts.map(hostName))
    app.addHook('onRequest', async (request) => {
      const raw = request.raw.rawHeaders
      let count = 0
      for (let i = 0; i < raw.length; i += 2) if (raw[i]?.toLowerCase() === 'host') count += 1
      const host = request.headers.host
      if (count !== 1 || host === undefined || !allowed.has(hostName(host))) {
        throw new Problem(403, 'forbidden', 'this sandbox answers only to its own host names')
      }
    })
  },
  { name: 'host-guard' },
)
