import cors from '@fastify/cors'
import fp from 'fastify-plugin'

/** CORS for the app's own origins (127.0.0.1 / localhost by default). */
export default fp<{ origins: (string | RegExp)[] }>(
  async (app, { origins }) => {
    await app.register(cors, {
      origin: origins,
      allowedHeaders: [
        'Authorization',
        'Content-Type',
        'Idempotency-Key',
        'X-Request-Id',
        'X-Sandbox-Fault',
        'If-None-Match',
        'Cache-Control',
      ],
      exposedHeaders: ['X-Request-Id', 'ETag', 'Retry-After', 'Idempotent-Replayed', 'Date'],
      methods: ['GET', 'POST', 'PUT', 'DELETE'],
    })
  },
  { name: 'cors' },
)

/** Whether a page of `origin` is one CORS lets in. */
export function isAllowedOrigin(origins: (string | RegExp)[], origin: string): boolean {
  return origins.some((allowed) =>
    typeof allowed === 'string' ? allowed === origin : allowed.test(origin),
  )
}
