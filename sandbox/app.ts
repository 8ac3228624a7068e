import Fastify, { type FastifyInstance } from 'fastify'

/** How a sandbox issuer is built; every field has a deterministic default. */
export interface SandboxOptions {
  /** SQLite file path; ':memory:' (the default) for tests. */
  dbPath?: string
  /** Seed for every random choice (codes, fault rolls), so a failing run repeats. */
  seed?: number
  /** Fastify request logging (never logs bodies or auth headers). */
  logger?: boolean
}

/**
 * Builds the sandbox issuer as a Fastify instance with every `/v1` route registered,
 * not yet listening: `npm start` and the browser tests add the H5 static files to the
 * same instance so the app and the issuer share one origin.
 *
 * Minimal first cut (Foundation): the balance call only, until the full sandbox lands.
 */
export async function buildSandbox(options: SandboxOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({ logger: options.logger ?? false })
  app.get('/v1/cards/:id/balance', async (request, reply) => {
    const { id } = request.params as { id: string }
    reply.header('Cache-Control', 'no-cache')
    return {
      card_id: id,
      available_credit: { amount: 1234567, currency: 'CNY' },
      credit_limit: { amount: 5000000, currency: 'CNY' },
      current_balance: { amount: 3765433, currency: 'CNY' },
      pending: { amount: 0, currency: 'CNY' },
      as_of: new Date().toISOString(),
    }
  })
  return app
}
