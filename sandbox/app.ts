import crypto from 'node:crypto'

import type { EndpointId, EndpointTag } from '@contract'
import Fastify, { type FastifyInstance, type FastifyPluginAsync } from 'fastify'

import { SandboxClock, seededRandom } from './clock'
import { DueWork } from './due-work'
import { FaultRules } from './faults'
import { loggerOptions, maskedChildLogger } from './logging'
import { type Sandbox, type SandboxOptions, settingsOf } from './options'
import { PayCodeEvents } from './pay-code-events'
import auth from './plugins/auth'
import cache from './plugins/cache'
import cors from './plugins/cors'
import type { Resource } from './plugins/endpoints'
import faults from './plugins/faults'
import hostGuard from './plugins/host-guard'
import problems, { clientErrorHandler, frameworkErrors, notFound } from './plugins/problems'
import rateLimit from './plugins/rate-limit'
import requestContext from './plugins/request-context'
import authRoutes from './routes/auth'
import cardRoutes from './routes/cards'
import controlRoutes from './routes/controls'
import docs, { openApiRoute } from './routes/docs'
import payCodeRoutes from './routes/pay-codes'
import paymentCheckRoutes from './routes/payment-check'
import reminderRoutes from './routes/reminders'
import repaymentRoutes from './routes/repayments'
import transactionRoutes from './routes/transactions'
import { SandboxStore } from './store'
import { lockDatabase } from './store/lock'

export { DEFAULT_SEED, type SandboxOptions } from './options'

/** The issuer's resources, one plugin per contract tag: a tag without one fails to compile. */
const ISSUER: { [T in Exclude<EndpointTag, 'sandbox'>]: Resource<T> } = {
  auth: authRoutes,
  cards: cardRoutes,
  transactions: transactionRoutes,
  repayments: repaymentRoutes,
  'pay-codes': payCodeRoutes,
  reminders: reminderRoutes,
  'payment-check': paymentCheckRoutes,
}
const CONTROLS: Resource<'sandbox'> = controlRoutes

/** The sandbox controls; the till's scans spend the client address's request budget. */
const controls: FastifyPluginAsync<Sandbox> = async (app, sandbox) => {
  await app.register(rateLimit, {
    ...sandbox,
    ...sandbox.settings.rateLimit,
    only: ['sandboxScan'] satisfies EndpointId[],
  })
  await app.register(CONTROLS, sandbox)
}

/** The issuer routes: fault injection, the rate limit and auth apply to them alone. */
const issuer: FastifyPluginAsync<Sandbox> = async (app, sandbox) => {
  // The sandbox clock runs with real time: what came due since the last request settles
  // before this one reads or moves any figure.
  app.addHook('onRequest', async () => sandbox.store.settle())
  await app.register(faults, { faults: sandbox.faults })
  await app.register(rateLimit, { ...sandbox, ...sandbox.settings.rateLimit })
  await app.register(auth, sandbox)
  for (const resource of Object.values(ISSUER)) await app.register(resource, sandbox)
}

/**
 * Everything under `/v1`: the issuer routes, the sandbox controls and the document.
 * The Date header tells the issuer's time (its clock, which tests may advance): the
 * client reads the issuer's "today" from it.
 */
const api =
  (sandbox: Sandbox): FastifyPluginAsync =>
  async (app) => {
    app.addHook('onRequest', async (_request, reply) => {
      reply.header('Date', new Date(sandbox.clock.now()).toUTCString())
    })
    app.setNotFoundHandler(notFound)
    await app.register(issuer, sandbox)
    await app.register(controls, sandbox)
    await app.register(openApiRoute)
  }

/**
 * Builds the sandbox issuer as a Fastify instance with every `/v1` route registered,
 * not yet listening: `npm start` and the browser tests add the H5 static files to the
 * same instance so the app and the issuer share one origin. Closing it closes the DB.
 */
export async function buildSandbox(options: SandboxOptions = {}): Promise<FastifyInstance> {
  const settings = settingsOf(options)
  const clock = new SandboxClock(options.clockStart)
  const dbPath = options.dbPath ?? ':memory:'
  // One sandbox per database file (see lockDatabase); in memory there is nothing to share.
  const unlock = dbPath === ':memory:' ? () => undefined : lockDatabase(dbPath)
  let store: SandboxStore
  try {
    store = new SandboxStore(dbPath, clock, settings.seed)
  } catch (error) {
    unlock()
    throw error
  }
  if (options.reset) store.reset()
  const sandbox: Sandbox = {
    store,
    clock,
    faults: new FaultRules(seededRandom(settings.seed ^ 0x5eed)),
    payCodes: new PayCodeEvents(store, clock),
    due: new DueWork(store, clock),
    settings,
  }
  // What came due while no sandbox ran on the file happens now; the timer takes the rest.
  sandbox.due.run()

  const app = Fastify({
    logger: options.logger ? loggerOptions(options.logStream ?? process.stdout) : false,
    // The request id is the caller's X-Request-Id when it is a plain token, so log
    // lines, problem bodies and the client's own logs share one id.
    genReqId: (req) => {
      const incoming = req.headers['x-request-id']
      return typeof incoming === 'string' && /^[\w.:-]{1,128}$/.test(incoming)
        ? incoming
        : crypto.randomUUID()
    },
    childLoggerFactory: maskedChildLogger,
    frameworkErrors,
    clientErrorHandler,
  })
  app.addHook('preClose', async () => sandbox.payCodes.close())
  app.addHook('onClose', async () => {
    sandbox.payCodes.stop()
    sandbox.due.stop()
    store.close()
    unlock()
  })

  await app.register(problems)
  await app.register(hostGuard, { hosts: settings.allowedHosts })
  await app.register(cors, { origins: settings.corsOrigins })
  await app.register(requestContext, { bodyTimeoutMs: settings.bodyTimeoutMs })
  await app.register(cache)
  await app.register(api(sandbox), { prefix: '/v1' })
  await app.register(docs)
  return app
}
