import crypto from 'node:crypto'
import { EventEmitter } from 'node:events'
import fs from 'node:fs'
import path from 'node:path'

import cors from '@fastify/cors'
import rateLimit from '@fastify/rate-limit'
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify'
import { Secret } from 'otpauth'
import * as v from 'valibot'

import {
  ClockAdvanceRequestSchema,
  FaultRulesRequestSchema,
  type OfflineSeed,
  OfflineSeedSchema,
  PayCodeRequestSchema,
  type PayCodeStatus,
  PayCodeStatusValueSchema,
  type ProblemCode,
  RefreshRequestSchema,
  type Reminder,
  ReminderRequestSchema,
  RepaymentRequestSchema,
  ScanRequestSchema,
  SessionRequestSchema,
} from '../src/issuer/contract'
import { SandboxClock, seededRandom } from './clock'
import { corruptBody, type FaultEffect, FaultRules, parseFaultHeader } from './faults'
import { type CardRow, hash, type PayCodeRow, SandboxStore } from './store'
import { totpDelta } from './totp-verify'

/** How a sandbox issuer is built; every field has a deterministic default. */
export interface SandboxOptions {
  /** SQLite file path; ':memory:' (the default) for tests. */
  dbPath?: string
  /** Seed for every random choice (codes, ids, fault rolls), so a failing run repeats. */
  seed?: number
  /** Fastify request logging (method, path, status; never bodies, tokens or codes). */
  logger?: boolean
  /** Drop every row and seed the personas again on start (`npm run sandbox -- --reset`). */
  reset?: boolean
  /** Where log lines go when `logger` is on (tests capture them). */
  logStream?: NodeJS.WritableStream
  /** Start of sandbox time (ISO); default now. Sandbox time then runs with real time. */
  clockStart?: string
  /** Access token lifetime in seconds (default 900). */
  accessTokenTtlS?: number
  /** Refresh token lifetime in seconds (default 30 days). */
  refreshTokenTtlS?: number
  /**
   * Per-token request budget (per client address without a token) on issuer routes;
   * default 600 a minute, so UI tests never trip it. `windowMs` is an alias of `timeWindowMs`.
   */
  rateLimit?: { max: number; timeWindowMs?: number; windowMs?: number }
  /** Origins allowed by CORS; default: any 127.0.0.1 / localhost origin. */
  corsOrigins?: (string | RegExp)[]
  /** Simulated processing time of a repayment (makes concurrent duplicates observable). */
  repaymentProcessingMs?: number
  /** Seconds a pending_then_success payment stays pending (sandbox time; default 3). */
  pendingSettleS?: number
  /** HMAC of the offline seeds it provisions (default SHA1; secrets sized as in RFC 6238). */
  offlineAlgorithm?: OfflineSeed['algorithm']
  /** A request body that has not fully arrived after this long answers 408 (default 10 s). */
  bodyTimeoutMs?: number
}

/** The seed used when none is given: codes, ids and fault rolls repeat run to run. */
export const DEFAULT_SEED = 42

const SECRET_BYTES = { SHA1: 20, SHA256: 32, SHA512: 64 } as const
const ONLINE_TTL_S = 60
const SEED_TTL_S = 7 * 24 * 3600
const MAX_WAIT_S = 25
/**
 * A rotated refresh token presented again within this many seconds answers the same
 * new pair (its answer was lost), as long as that pair's refresh token is unused.
 */
export const REFRESH_GRACE_S = 30
const PROBLEM_BASE = 'https://cardlet.dev/problems/'

class Problem extends Error {
  constructor(
    readonly status: number,
    readonly code: ProblemCode,
    readonly detail: string,
    readonly retryAfterS?: number,
  ) {
    super(detail)
  }
}

/** The problem code of an injected status, where one status means one thing. */
const FAULT_CODES: Record<number, ProblemCode> = {
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'idempotency_in_progress',
  429: 'rate_limited',
  500: 'internal',
  503: 'unavailable',
}

/** Long digit runs (card numbers, pay codes) never reach a log line. */
function maskDigits(text: string): string {
  return text.replace(/\d{12,}/g, '[redacted]')
}

function isClientError(error: unknown): error is { statusCode: number } {
  const status = (error as { statusCode?: unknown }).statusCode
  return typeof status === 'number' && status >= 400 && status < 500
}

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  408: 'Request timeout',
  409: 'Conflict',
  410: 'Gone',
  414: 'URI too long',
  422: 'Unprocessable content',
  431: 'Request header fields too large',
  429: 'Too many requests',
  500: 'Internal error',
  503: 'Service unavailable',
}

function parse<T>(schema: v.GenericSchema<unknown, T>, value: unknown): T {
  const result = v.safeParse(schema, value)
  if (result.success) return result.output
  const issue = result.issues[0]
  throw new Problem(422, 'validation_failed', `${v.getDotPath(issue) ?? 'body'}: ${issue.message}`)
}

declare module 'fastify' {
  interface FastifyRequest {
    requestId: string
    fault?: FaultEffect
  }
}

/**
 * The path the router matched, with its parameters filled in (decoded), or undefined
 * for a request no route matched. Faults, the rate limit and the CORS guard look at
 * this, never at the raw URL: `/%761/cards` reaches the `/v1/cards` route.
 */
function routedPath(request: FastifyRequest): string | undefined {
  const pattern = request.routeOptions.url
  if (pattern === undefined) return undefined
  const params = (request.params ?? {}) as Record<string, string>
  return pattern.replace(/:(\w+)/g, (_match, name: string) => params[name] ?? '')
}

/** The bearer token of the Authorization header, if it has that form. */
function bearerOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization
  return header?.startsWith('Bearer ') ? header.slice(7) : undefined
}

/** An issuer route (not a sandbox control, not a static file of the H5 build). */
function isIssuerRoute(path: string | undefined): path is string {
  return path !== undefined && path.startsWith('/v1/') && !path.startsWith('/v1/sandbox/')
}

/**
 * The pair a refresh issued, sealed (AES-256-GCM) with a key derived from the refresh
 * token that was spent for it: the database holds only hashes of live tokens, and the
 * sealed pair opens only for a caller who still has the old token.
 */
function graceKey(oldRefreshToken: string): Buffer {
  return crypto.createHash('sha256').update(`cardlet-refresh-grace:${oldRefreshToken}`).digest()
}

function sealGracePair(oldRefreshToken: string, pair: object): string {
  const iv = crypto.randomBytes(12)
  const cipher = crypto.createCipheriv('aes-256-gcm', graceKey(oldRefreshToken), iv)
  const sealed = Buffer.concat([cipher.update(JSON.stringify(pair), 'utf8'), cipher.final()])
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64')
}

function openGracePair(oldRefreshToken: string, sealed: string): unknown {
  const bytes = Buffer.from(sealed, 'base64')
  const decipher = crypto.createDecipheriv(
    'aes-256-gcm',
    graceKey(oldRefreshToken),
    bytes.subarray(0, 12),
  )
  decipher.setAuthTag(bytes.subarray(12, 28))
  return JSON.parse(
    Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8'),
  ) as unknown
}

/** The problem+json body of a framework-level failure, before any route runs. */
function frameworkProblem(status: number, detail: string, requestId: string): string {
  return JSON.stringify({
    type: `${PROBLEM_BASE}validation_failed`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    code: 'validation_failed',
    request_id: requestId,
    retryable: false,
  })
}

/**
 * Builds the sandbox issuer as a Fastify instance with every `/v1` route registered,
 * not yet listening: `npm start` and the browser tests add the H5 static files to the
 * same instance so the app and the issuer share one origin. Closing it closes the DB.
 */
export async function buildSandbox(options: SandboxOptions = {}): Promise<FastifyInstance> {
  const seed = options.seed ?? DEFAULT_SEED
  const clock = new SandboxClock(options.clockStart)
  const store = new SandboxStore(options.dbPath ?? ':memory:', clock, seed)
  if (options.reset) store.reset()
  const faults = new FaultRules(seededRandom(seed ^ 0x5eed))
  const changes = new EventEmitter()
  changes.setMaxListeners(0)
  const timers = new Set<NodeJS.Timeout>()
  const accessTtlS = options.accessTokenTtlS ?? 900
  const refreshTtlS = options.refreshTokenTtlS ?? 30 * 24 * 3600
  const settleMs = (options.pendingSettleS ?? 3) * 1000
  const offlineAlgorithm = options.offlineAlgorithm ?? 'SHA1'

  const app = Fastify({
    logger: options.logger
      ? {
          stream: options.logStream ?? process.stdout,
          // Only method, path (long digit runs masked) and status are logged: never
          // headers, query strings or bodies, where tokens, codes and secrets travel.
          serializers: {
            req: (req: { method: string; url: string }) => ({
              method: req.method,
              path: maskDigits(req.url.split('?')[0] ?? ''),
            }),
            res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
            err: (err: Error) => ({
              type: err.name,
              message: maskDigits(err.message),
              stack: maskDigits(err.stack ?? ''),
            }),
          },
          // Defence in depth, should anyone log an object carrying these fields.
          redact: {
            paths: [
              'headers.authorization',
              'req.headers',
              'body',
              '*.access_token',
              '*.refresh_token',
              '*.code',
              '*.secret',
              'access_token',
              'refresh_token',
              'code',
              'secret',
            ],
            censor: '[redacted]',
          },
        }
      : false,
    // The request id is the caller's X-Request-Id when it is a plain token, so log
    // lines, problem bodies and the client's own logs share one id.
    genReqId: (req) => {
      const incoming = req.headers['x-request-id']
      return typeof incoming === 'string' && /^[\w.:-]{1,128}$/.test(incoming)
        ? incoming
        : crypto.randomUUID()
    },
    // A bad percent-escape (400) or an over-long path parameter (414) is answered before
    // any route or hook runs: problem+json all the same.
    frameworkErrors: (error, request, reply) => {
      const status = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 414 : 400
      void (reply as FastifyReply)
        .code(status)
        .header('X-Request-Id', request.id)
        .type('application/problem+json')
        .send(
          frameworkProblem(
            status,
            status === 414 ? 'a path parameter is too long' : 'the URL cannot be decoded',
            request.id,
          ),
        )
    },
    // Errors Node's HTTP parser raises before Fastify sees a request (431 headers too
    // large, 408, 400 garbage): problem+json written straight to the socket.
    clientErrorHandler: (error: Error & { code?: string }, socket) => {
      if (error.code === 'ECONNRESET' || socket.destroyed) return
      const status =
        error.code === 'HPE_HEADER_OVERFLOW'
          ? 431
          : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
            ? 408
            : 400
      const requestId = crypto.randomUUID()
      const body = frameworkProblem(
        status,
        status === 431 ? 'the request headers are too large' : 'the request cannot be read',
        requestId,
      )
      if (socket.writable) {
        socket.write(
          `HTTP/1.1 ${status} ${TITLES[status] ?? 'Error'}\r\nContent-Type: application/problem+json\r\n` +
            `X-Request-Id: ${requestId}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
        )
      }
      socket.destroy()
    },
  })

  // Closing answers every waiting long-poll at once instead of holding close() for 25 s.
  let closing = false
  app.addHook('preClose', async () => {
    closing = true
    for (const id of changes.eventNames()) changes.emit(id)
  })
  app.addHook('onClose', async () => {
    for (const timer of timers) clearTimeout(timer)
    store.close()
  })

  const bodyTimeoutMs = options.bodyTimeoutMs ?? 10_000
  const corsOrigins = options.corsOrigins ?? [/^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?$/]
  const allowedOrigin = (origin: string) =>
    corsOrigins.some((allowed) =>
      typeof allowed === 'string' ? allowed === origin : allowed.test(origin),
    )

  await app.register(cors, {
    origin: corsOrigins,
    allowedHeaders: [
      'Authorization',
      'Content-Type',
      'Idempotency-Key',
      'X-Request-Id',
      'X-Sandbox-Fault',
      'If-None-Match',
    ],
    exposedHeaders: ['X-Request-Id', 'ETag', 'Retry-After', 'Idempotent-Replayed', 'Date'],
    methods: ['GET', 'POST', 'DELETE'],
  })

  // Request id and fault injection come first, before auth and rate limiting.
  app.addHook('onRequest', async (request, reply) => {
    request.requestId = request.id
    reply.header('X-Request-Id', request.requestId)
    // A body announced but not sent (Content-Length above what arrives) would hold the
    // request open for ever: after bodyTimeoutMs it answers 408 and the connection closes.
    if (
      Number(request.headers['content-length'] ?? 0) > 0 ||
      request.headers['transfer-encoding']
    ) {
      const timer = setTimeout(() => {
        // Only while the body parser is still waiting for it (its 'error' listener answers
        // the request with the 408 problem; an unread body of a finished request is fine).
        if (request.raw.complete || reply.sent || request.raw.listenerCount('error') === 0) return
        reply.header('Connection', 'close')
        request.raw.emit(
          'error',
          Object.assign(new Error('the request body did not arrive in time'), { statusCode: 408 }),
        )
      }, bodyTimeoutMs)
      timer.unref()
      request.raw.once('end', () => clearTimeout(timer))
      reply.raw.once('close', () => clearTimeout(timer))
    }
    const path = routedPath(request)
    // The Date header tells the issuer's time (its clock, which tests may advance): the
    // client reads the issuer's "today" from it.
    if (path?.startsWith('/v1/') || request.url.startsWith('/v1/')) {
      reply.header('Date', new Date(clock.now()).toUTCString())
    }
    // A sandbox control changes the whole bank: a browser page of another origin may not
    // call it, not even with a "simple" request that CORS lets through without a preflight.
    if (path?.startsWith('/v1/sandbox/') && request.method !== 'GET') {
      const origin = request.headers.origin
      if (origin !== undefined && !allowedOrigin(origin)) {
        throw new Problem(403, 'forbidden', 'sandbox controls are not open to this origin')
      }
    }
    if (!isIssuerRoute(path)) return
    const header = request.headers['x-sandbox-fault']
    const effect =
      parseFaultHeader(typeof header === 'string' ? header : undefined) ??
      faults.match(request.method, path)
    if (!effect) return
    request.fault = effect
    if (effect.latency_ms) await new Promise((resolve) => setTimeout(resolve, effect.latency_ms))
    if (effect.drop) {
      request.raw.socket.destroy()
      return reply
    }
    if (effect.status) {
      throw new Problem(
        effect.status,
        FAULT_CODES[effect.status] ?? (effect.status >= 500 ? 'unavailable' : 'validation_failed'),
        'injected by the sandbox fault rules',
        effect.retry_after_s ?? (effect.status === 429 || effect.status === 503 ? 1 : undefined),
      )
    }
  })

  await app.register(rateLimit, {
    global: true,
    max: options.rateLimit?.max ?? 600,
    timeWindow: options.rateLimit?.timeWindowMs ?? options.rateLimit?.windowMs ?? 60_000,
    // A valid session has its own budget; anything else (no header, a made-up or revoked
    // token) spends the client address's, so a random header per request buys nothing.
    keyGenerator: (request) => {
      const token = bearerOf(request)
      return token && liveAccessToken(token) ? `t:${hash(token)}` : `ip:${request.ip}`
    },
    allowList: (request) => !isIssuerRoute(routedPath(request)),
    errorResponseBuilder: (_request, context) =>
      new Problem(
        429,
        'rate_limited',
        'too many requests for this session',
        Math.ceil(context.ttl / 1000),
      ),
  })

  app.setErrorHandler((error, request, reply) => {
    const problem =
      error instanceof Problem
        ? error
        : (error as { statusCode?: number }).statusCode === 429
          ? new Problem(429, 'rate_limited', 'too many requests', 1)
          : isClientError(error)
            ? new Problem(error.statusCode, 'validation_failed', 'the request cannot be read')
            : new Problem(500, 'internal', 'the sandbox failed')
    if (problem.status === 500) request.log.error({ err: error }, 'sandbox error')
    if (problem.retryAfterS !== undefined) reply.header('Retry-After', String(problem.retryAfterS))
    void reply
      .code(problem.status)
      .type('application/problem+json')
      .send({
        type: `${PROBLEM_BASE}${problem.code}`,
        title: TITLES[problem.status] ?? 'Error',
        status: problem.status,
        detail: problem.detail,
        code: problem.code,
        request_id: request.requestId,
        retryable: problem.status === 429 || problem.status >= 500,
      })
  })

  app.setNotFoundHandler((request, reply) => {
    void reply
      .code(404)
      .type('application/problem+json')
      .send({
        type: `${PROBLEM_BASE}not_found`,
        title: 'Not found',
        status: 404,
        detail: `no route ${request.method} ${request.url.split('?')[0]}`,
        code: 'not_found',
        request_id: request.requestId,
        retryable: false,
      })
  })

  // ETag / 304 on GETs, then the body faults (applied last, as a broken issuer would).
  app.addHook('onSend', async (request, reply, payload) => {
    let body = payload
    const type = String(reply.getHeader('content-type') ?? '')
    if (
      request.method === 'GET' &&
      reply.statusCode === 200 &&
      typeof body === 'string' &&
      type.startsWith('application/json') &&
      !String(reply.getHeader('cache-control') ?? '').includes('no-store')
    ) {
      const etag = `W/"${crypto.createHash('sha1').update(body).digest('base64url')}"`
      reply.header('ETag', etag)
      if (request.headers['if-none-match'] === etag) {
        reply.code(304)
        return ''
      }
    }
    const fault = request.fault
    if (fault && reply.statusCode < 300 && typeof body === 'string') {
      if (fault.body) body = corruptBody(body, fault.body)
      if (fault.content_type) reply.header('content-type', fault.content_type)
    }
    return body
  })

  interface AccessRow {
    user_id: string
    family: string
    expires_at: number
    revoked: number
  }
  const accessRow = (token: string) =>
    store.db
      .prepare("SELECT * FROM tokens WHERE token_hash = ? AND kind = 'access'")
      .get(hash(token)) as AccessRow | undefined
  const liveAccessToken = (token: string) => {
    const row = accessRow(token)
    return row !== undefined && !row.revoked && row.expires_at > clock.now()
  }

  /** Revokes a session family: its tokens, and the offline seeds provisioned under it. */
  const revokeFamily = (family: string) => {
    store.db.transaction(() => {
      store.db.prepare('UPDATE tokens SET revoked = 1 WHERE family = ?').run(family)
      store.db
        .prepare(
          "UPDATE pay_codes SET revoked_at = ? WHERE family = ? AND mode = 'offline' AND revoked_at IS NULL",
        )
        .run(clock.now(), family)
    })()
  }

  const problem = (status: number, code: ProblemCode, detail: string): never => {
    throw new Problem(status, code, detail)
  }

  function userOf(request: FastifyRequest): string {
    const token = bearerOf(request)
    if (!token) return problem(401, 'unauthorized', 'a bearer token is required')
    const row = accessRow(token)
    if (!row || row.revoked) return problem(401, 'unauthorized', 'unknown or revoked token')
    if (row.expires_at <= clock.now() || request.fault?.token === 'expired') {
      return problem(401, 'token_expired', 'the access token has expired')
    }
    return row.user_id
  }

  function ownedCard(request: FastifyRequest): { userId: string; card: CardRow } {
    const userId = userOf(request)
    const { card_id: cardId } = request.params as { card_id: string }
    const card = store.card(userId, cardId)
    // Another user's card answers exactly like a card that does not exist.
    if (!card) return problem(404, 'not_found', 'no such card')
    return { userId, card }
  }

  function issueSession(userId: string, family: string = crypto.randomUUID()) {
    const access = crypto.randomBytes(32).toString('base64url')
    const refresh = crypto.randomBytes(32).toString('base64url')
    const insert = store.db.prepare(
      'INSERT INTO tokens (token_hash, kind, user_id, family, expires_at) VALUES (?, ?, ?, ?, ?)',
    )
    insert.run(hash(access), 'access', userId, family, clock.now() + accessTtlS * 1000)
    insert.run(hash(refresh), 'refresh', userId, family, clock.now() + refreshTtlS * 1000)
    return {
      access_token: access,
      token_type: 'Bearer' as const,
      expires_in: accessTtlS,
      refresh_token: refresh,
      refresh_expires_in: refreshTtlS,
    }
  }

  const noStore = (reply: FastifyReply) => reply.header('Cache-Control', 'no-store')

  // ---- auth ----
  app.post('/v1/auth/sessions', async (request, reply) => {
    const body = parse(SessionRequestSchema, request.body)
    const match = /^sandbox:([a-z-]+)(?::(.+))?$/.exec(body.code)
    const userId = match?.[1] ? store.userForPersona(match[1]) : undefined
    if (!match || !userId) return problem(401, 'invalid_grant', 'unknown login code')
    if (match[2]) {
      const used = store.db
        .prepare('INSERT OR IGNORE INTO login_codes (code_hash, used_at) VALUES (?, ?)')
        .run(hash(body.code), clock.iso())
      if (used.changes === 0) return problem(401, 'invalid_grant', 'login code already used')
    }
    noStore(reply).code(201)
    return issueSession(userId)
  })

  app.post('/v1/auth/refresh', async (request, reply) => {
    const body = parse(RefreshRequestSchema, request.body)
    const row = store.db
      .prepare("SELECT * FROM tokens WHERE token_hash = ? AND kind = 'refresh'")
      .get(hash(body.refresh_token)) as
      | {
          token_hash: string
          user_id: string
          family: string
          expires_at: number
          used: number
          revoked: number
          successor_hash: string | null
          grace_until: number | null
          grace_pair: string | null
        }
      | undefined
    if (!row) return problem(401, 'invalid_grant', 'unknown refresh token')
    if (row.revoked) return problem(401, 'refresh_reused', 'this session was revoked')
    if (row.used) {
      // Within the grace window, and while the pair it was rotated into is still unused,
      // the same token is a retry whose answer was lost: the same pair again.
      const successor = row.successor_hash
        ? (store.db
            .prepare('SELECT used, revoked FROM tokens WHERE token_hash = ?')
            .get(row.successor_hash) as { used: number; revoked: number } | undefined)
        : undefined
      if (
        row.grace_until !== null &&
        row.grace_pair !== null &&
        clock.now() <= row.grace_until &&
        successor &&
        !successor.used &&
        !successor.revoked
      ) {
        noStore(reply).code(201)
        return openGracePair(body.refresh_token, row.grace_pair)
      }
      // Reuse of a rotated token means a copy exists: revoke the whole family.
      revokeFamily(row.family)
      return problem(401, 'refresh_reused', 'refresh token reused: session revoked')
    }
    if (row.expires_at <= clock.now()) return problem(401, 'invalid_grant', 'refresh token expired')
    // The old refresh token is spent; access tokens already issued live out their
    // short lifetime, so requests in flight during a rotation do not fail. The new pair
    // is kept for the grace window, sealed with a key only the old token yields.
    const session = issueSession(row.user_id, row.family)
    store.db
      .prepare(
        'UPDATE tokens SET used = 1, successor_hash = ?, grace_until = ?, grace_pair = ? WHERE token_hash = ?',
      )
      .run(
        hash(session.refresh_token),
        clock.now() + REFRESH_GRACE_S * 1000,
        sealGracePair(body.refresh_token, session),
        row.token_hash,
      )
    noStore(reply).code(201)
    return session
  })

  app.delete('/v1/auth/sessions/current', async (request, reply) => {
    userOf(request)
    const row = accessRow(bearerOf(request)!)!
    // Signing out also revokes the offline seeds this session provisioned (the device's).
    revokeFamily(row.family)
    return reply.code(204).send()
  })

  // ---- cards, balance, statement ----
  app.get('/v1/cards', async (request) => {
    const userId = userOf(request)
    return {
      data: store.cards(userId).map((c) => ({
        id: c.id,
        brand: c.brand,
        last4: c.last4,
        product_name: c.product_name,
        currency: c.currency,
      })),
    }
  })

  app.get('/v1/cards/:card_id/balance', async (request) => store.balanceOf(ownedCard(request).card))

  app.get('/v1/cards/:card_id/statements/current', async (request) => {
    const { card } = ownedCard(request)
    const statement = store.statement(card.id)
    if (!statement) return problem(404, 'no_statement', 'no statement has been issued yet')
    return store.statementOf(card, statement)
  })

  // ---- repayments (idempotent) ----
  app.post('/v1/cards/:card_id/repayments', async (request, reply) => {
    const { userId, card } = ownedCard(request)
    const key = request.headers['idempotency-key']
    if (typeof key !== 'string' || !/^[\w-]{8,128}$/.test(key)) {
      return problem(
        400,
        'idempotency_key_required',
        'an Idempotency-Key header (8-128 letters, digits, _ or -) is required',
      )
    }
    const body = parse(RepaymentRequestSchema, request.body)
    // The intent, not the bytes: the same amount on the same card is the same request.
    const requestHash = hash(JSON.stringify([card.id, body.amount.amount, body.amount.currency]))
    const claimed = store.db
      .prepare(
        "INSERT OR IGNORE INTO idempotency (user_id, key, request_hash, state) VALUES (?, ?, ?, 'in_progress')",
      )
      .run(userId, key, requestHash)
    if (claimed.changes === 0) {
      const stored = store.db
        .prepare('SELECT * FROM idempotency WHERE user_id = ? AND key = ?')
        .get(userId, key) as { request_hash: string; state: string; status: number; body: string }
      if (stored.request_hash !== requestHash) {
        return problem(
          422,
          'idempotency_key_reused',
          'this Idempotency-Key was used with another request',
        )
      }
      if (stored.state !== 'done') {
        return problem(
          409,
          'idempotency_in_progress',
          'a request with this Idempotency-Key is in progress',
        )
      }
      reply.header('Idempotent-Replayed', 'true').code(stored.status)
      return JSON.parse(stored.body) as unknown
    }
    const release = () =>
      store.db.prepare('DELETE FROM idempotency WHERE user_id = ? AND key = ?').run(userId, key)
    try {
      await new Promise((resolve) => setTimeout(resolve, options.repaymentProcessingMs ?? 100))
      const fresh = store.card(userId, card.id) as CardRow
      if (body.amount.currency !== fresh.currency) {
        return problem(422, 'validation_failed', `amount.currency: must be ${fresh.currency}`)
      }
      if (body.amount.amount > fresh.posted) {
        return problem(422, 'validation_failed', 'amount: more than the balance owed')
      }
      if (!store.statement(card.id)) {
        return problem(404, 'no_statement', 'no statement has been issued yet')
      }
      reply.code(201)
      return store.repay(userId, card.id, body.amount.amount, key)
    } catch (error) {
      // A refused request leaves the key free: a corrected retry may use it.
      release()
      throw error
    }
  })

  app.get('/v1/cards/:card_id/repayments', async (request) => {
    const { card } = ownedCard(request)
    return { data: store.repayments(card.id) }
  })

  // ---- pay codes ----
  /** Wakes the long-polls waiting on a pay code. */
  const notify = (id: string) => changes.emit(id)

  const setStatus = (
    id: string,
    status: PayCodeStatus['status'],
    extra: { amount?: number; merchant?: string; settleAt?: number | null } = {},
  ) => {
    store.db
      .prepare(
        `UPDATE pay_codes SET status = ?, amount = COALESCE(?, amount), merchant = COALESCE(?, merchant),
         settle_at = ?, updated_at = ? WHERE id = ?`,
      )
      .run(
        status,
        extra.amount ?? null,
        extra.merchant ?? null,
        extra.settleAt ?? null,
        clock.now(),
        id,
      )
    notify(id)
  }

  /** Pending payments whose settle time (sandbox clock) has come turn succeeded. */
  const settleDue = () => {
    const due = store.db
      .prepare(
        "SELECT id FROM pay_codes WHERE status = 'pending' AND settle_at IS NOT NULL AND settle_at <= ?",
      )
      .all(clock.now()) as { id: string }[]
    for (const { id } of due) setStatus(id, 'succeeded')
  }

  const payCodeRow = (id: string) =>
    store.db.prepare('SELECT * FROM pay_codes WHERE id = ?').get(id) as PayCodeRow | undefined

  function statusOf(row: PayCodeRow): PayCodeStatus {
    let status = row.status as PayCodeStatus['status']
    if (status === 'active' && row.expires_at <= clock.now()) status = 'expired'
    return {
      id: row.id,
      status,
      ...(row.amount !== null ? { amount: { amount: row.amount, currency: 'CNY' } } : {}),
      ...(row.merchant !== null ? { merchant: row.merchant } : {}),
      updated_at: clock.iso(row.updated_at),
    }
  }

  /** Runs `fn` after `ms` of real time, unless the sandbox closes first. */
  const later = (ms: number, fn: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer)
      fn()
    }, ms)
    timer.unref()
    timers.add(timer)
  }

  app.post('/v1/cards/:card_id/pay-codes', async (request, reply) => {
    const { userId, card } = ownedCard(request)
    const body = parse(PayCodeRequestSchema, request.body)
    noStore(reply).code(201)
    const id = store.id('pc')
    const now = clock.now()
    if (body.mode === 'online') {
      // One live online code per card: a new one revokes the last.
      const active = store.db
        .prepare(
          "SELECT id FROM pay_codes WHERE card_id = ? AND mode = 'online' AND status = 'active' AND expires_at > ?",
        )
        .all(card.id, now) as { id: string }[]
      for (const old of active) setStatus(old.id, 'revoked')
      const code = `62${store.digits(17)}`
      const expiresAt = now + ONLINE_TTL_S * 1000
      store.db
        .prepare(
          `INSERT INTO pay_codes (id, user_id, card_id, mode, code_hash, expires_at, status, updated_at)
           VALUES (?, ?, ?, 'online', ?, ?, 'active', ?)`,
        )
        .run(id, userId, card.id, hash(code), expiresAt, now)
      later(ONLINE_TTL_S * 1000, () => notify(id))
      return { id, mode: 'online', code, expires_at: clock.iso(expiresAt), ttl_s: ONLINE_TTL_S }
    }
    // RFC 6238's reference seeds: 20, 32 and 64 bytes for SHA1, SHA256 and SHA512.
    const size = SECRET_BYTES[offlineAlgorithm]
    const secretBytes = crypto.randomBytes(size)
    const secret = new Secret({
      buffer: secretBytes.buffer.slice(secretBytes.byteOffset, secretBytes.byteOffset + size),
    }).base32
    const seedRef = store.digits(9)
    const validUntil = now + SEED_TTL_S * 1000
    const family = accessRow(bearerOf(request)!)!.family
    store.db
      .prepare(
        `INSERT INTO pay_codes (id, user_id, card_id, mode, expires_at, status, updated_at, seed_ref, secret, algorithm, period, device_id, family)
         VALUES (?, ?, ?, 'offline', ?, 'active', ?, ?, ?, ?, 30, ?, ?)`,
      )
      .run(
        id,
        userId,
        card.id,
        validUntil,
        now,
        seedRef,
        secret,
        offlineAlgorithm,
        body.device_id,
        family,
      )
    return parse(OfflineSeedSchema, {
      id,
      mode: 'offline',
      seed_ref: seedRef,
      secret,
      algorithm: offlineAlgorithm,
      digits: 8,
      period: 30,
      code_prefix: '62',
      valid_until: clock.iso(validUntil),
    })
  })

  const WaitQuerySchema = v.object({
    wait_s: v.optional(
      v.pipe(
        v.string(),
        v.regex(/^\d{1,2}$/, 'must be an integer 0-25'),
        v.transform(Number),
        v.maxValue(MAX_WAIT_S),
      ),
      '0',
    ),
    since: v.optional(PayCodeStatusValueSchema, 'active'),
  })

  app.get('/v1/pay-codes/:id', async (request, reply) => {
    const userId = userOf(request)
    const { id } = request.params as { id: string }
    noStore(reply)
    const read = () => {
      settleDue()
      const row = payCodeRow(id)
      if (!row || row.user_id !== userId) return problem(404, 'not_found', 'no such pay code')
      return statusOf(row)
    }
    let current = read()
    const query = parse(WaitQuerySchema, request.query)
    // Long-poll: sleep until the pay code changes (an event, not a timer loop), and
    // answer when its status differs from what the caller knows, or the wait ends.
    const deadline = Date.now() + query.wait_s * 1000
    let closed = false
    request.raw.once('close', () => {
      closed = true
    })
    while (current.status === query.since && !closed && !closing && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer)
          changes.off(id, done)
          request.raw.off('close', done)
          resolve()
        }
        const timer = setTimeout(done, Math.max(0, deadline - Date.now()))
        changes.on(id, done)
        request.raw.on('close', done)
      })
      current = read()
    }
    return current
  })

  app.delete('/v1/pay-codes/:id', async (request, reply) => {
    const userId = userOf(request)
    const { id } = request.params as { id: string }
    const row = payCodeRow(id)
    if (!row || row.user_id !== userId) return problem(404, 'not_found', 'no such pay code')
    if (row.mode === 'offline') {
      // A seed is revoked whatever it has paid before: its status keeps the last
      // payment's result, revoked_at stops every code it would still yield.
      if (row.revoked_at === null) {
        store.db.prepare('UPDATE pay_codes SET revoked_at = ? WHERE id = ?').run(clock.now(), id)
      }
      if (row.status === 'active') setStatus(id, 'revoked')
    } else if (row.status === 'active') {
      setStatus(id, 'revoked')
    }
    return reply.code(204).send()
  })

  // ---- reminders ----
  app.post('/v1/cards/:card_id/reminders', async (request, reply) => {
    const { card } = ownedCard(request)
    const body = parse(ReminderRequestSchema, request.body)
    const reminder: Reminder = {
      id: store.id('rm'),
      card_id: card.id,
      channel: body.channel,
      days_before: body.days_before,
      created_at: clock.iso(),
    }
    store.db
      .prepare(
        'INSERT INTO reminders (id, card_id, channel, days_before, created_at) VALUES (?, ?, ?, ?, ?)',
      )
      .run(
        reminder.id,
        reminder.card_id,
        reminder.channel,
        reminder.days_before,
        reminder.created_at,
      )
    store.tick() // a reminder whose day has already come fires now
    reply.code(201)
    return reminder
  })

  app.get('/v1/cards/:card_id/reminders', async (request) => {
    const { card } = ownedCard(request)
    return {
      data: store.db
        .prepare('SELECT * FROM reminders WHERE card_id = ? ORDER BY created_at, id')
        .all(card.id),
    }
  })

  app.delete('/v1/cards/:card_id/reminders/:reminder_id', async (request, reply) => {
    const { card } = ownedCard(request)
    const { reminder_id: reminderId } = request.params as { reminder_id: string }
    const removed = store.db
      .prepare('DELETE FROM reminders WHERE id = ? AND card_id = ?')
      .run(reminderId, card.id)
    if (removed.changes === 0) return problem(404, 'not_found', 'no such reminder')
    return reply.code(204).send()
  })

  // ---- sandbox controls (no auth: the sandbox is a test double of the whole bank) ----
  function verifyOffline(code: string): PayCodeRow | undefined {
    const seedRef = code.slice(2, 11)
    const otp = code.slice(11)
    const seeds = store.db
      .prepare("SELECT * FROM pay_codes WHERE mode = 'offline' AND seed_ref = ?")
      .all(seedRef) as PayCodeRow[]
    for (const seedRow of seeds) {
      if (seedRow.expires_at <= clock.now()) continue
      // ±1 time step: the till's and the watch's clocks may disagree a little.
      const delta = totpDelta(seedRow, otp, clock.now())
      if (delta === null) continue
      if (seedRow.revoked_at !== null || seedRow.status === 'revoked') {
        throw new Problem(410, 'code_revoked', 'this offline pay code was revoked')
      }
      const fresh = store.db
        .prepare('INSERT OR IGNORE INTO offline_used (seed_id, code_hash) VALUES (?, ?)')
        .run(seedRow.id, hash(code))
      if (fresh.changes === 0) {
        throw new Problem(409, 'code_used', 'this offline code was already used')
      }
      return seedRow
    }
    return undefined
  }

  app.post('/v1/sandbox/scan', async (request) => {
    const body = parse(ScanRequestSchema, request.body)
    settleDue()
    let row = store.db
      .prepare('SELECT * FROM pay_codes WHERE code_hash = ?')
      .get(hash(body.code)) as PayCodeRow | undefined
    if (row) {
      const current = statusOf(row).status
      if (current === 'expired') return problem(410, 'code_expired', 'this pay code has expired')
      if (current !== 'active') return problem(409, 'code_used', 'this pay code was already used')
    } else {
      row = verifyOffline(body.code)
      if (!row) return problem(404, 'not_found', 'no such pay code')
    }
    const status =
      body.outcome === 'success' ? 'succeeded' : body.outcome === 'decline' ? 'declined' : 'pending'
    const settleAt = body.outcome === 'pending_then_success' ? clock.now() + settleMs : null
    setStatus(row.id, status, { amount: body.amount.amount, merchant: body.merchant, settleAt })
    // Real time settles it too (the sandbox clock runs with real time).
    if (settleAt !== null) later(settleMs, settleDue)
    return { pay_code_id: row.id, status }
  })

  app.get('/v1/sandbox/clock', async (_request, reply) => {
    noStore(reply)
    return { now: clock.iso() }
  })

  app.post('/v1/sandbox/clock/advance', async (request) => {
    const body = parse(ClockAdvanceRequestSchema, request.body)
    clock.advance(body.seconds)
    store.tick()
    settleDue()
    // Codes may have expired in the jump: wake every waiting long-poll to look again.
    for (const id of changes.eventNames()) changes.emit(id)
    return { now: clock.iso() }
  })

  app.get('/v1/sandbox/outbox', async (_request, reply) => {
    store.tick()
    noStore(reply)
    return {
      data: store.db
        .prepare(
          'SELECT id, kind, card_id, channel, due_date, fired_at FROM outbox ORDER BY fired_at, id',
        )
        .all(),
    }
  })

  app.post('/v1/sandbox/faults', async (request) => {
    const body = parse(FaultRulesRequestSchema, request.body)
    faults.set(body.rules, body.seed === undefined ? undefined : seededRandom(body.seed))
    return { rules: body.rules.length }
  })

  app.delete('/v1/sandbox/faults', async (_request, reply) => {
    faults.clear()
    return reply.code(204).send()
  })

  app.post('/v1/sandbox/reset', async () => {
    store.reset()
    faults.clear()
    return { reset: true }
  })

  // ---- the contract's own document ----
  const openapiPath = path.resolve(__dirname, '..', 'docs', 'openapi.json')
  app.get('/v1/openapi.json', async (_request, reply) => {
    if (!fs.existsSync(openapiPath)) return problem(404, 'not_found', 'run `npm run openapi`')
    return reply.type('application/json').send(fs.readFileSync(openapiPath, 'utf8'))
  })
  app.get('/docs', async (_request, reply) => {
    const doc = fs.existsSync(openapiPath)
      ? (JSON.parse(fs.readFileSync(openapiPath, 'utf8')) as OpenApiDoc)
      : { info: { title: 'Cardlet issuer API', version: '?' }, paths: {} }
    return reply.type('text/html; charset=utf-8').send(renderDocs(doc))
  })

  return app
}

interface OpenApiOperation {
  summary?: string
  tags?: string[]
  parameters?: { name: string; in: string; required?: boolean; description?: string }[]
  requestBody?: { content: Record<string, { schema: unknown }> }
  responses?: Record<
    string,
    { $ref?: string; description?: string; content?: Record<string, { schema: unknown }> }
  >
}

interface OpenApiDoc {
  info: { title: string; version: string; description?: string }
  tags?: { name: string; description?: string }[]
  paths: Record<string, Record<string, OpenApiOperation>>
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"]/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c,
  )
}

const json = (value: unknown) => `<pre>${escapeHtml(JSON.stringify(value, null, 2))}</pre>`

/**
 * A self-contained docs page rendered from the OpenAPI document (no CDN can be
 * reached here): operations by tag, with parameters and request/response schemas.
 */
function renderDocs(doc: OpenApiDoc): string {
  const tags = doc.tags ?? []
  const sections = tags.map((tag) => {
    const ops = Object.entries(doc.paths).flatMap(([route, methods]) =>
      Object.entries(methods)
        .filter(([, op]) => op.tags?.includes(tag.name))
        .map(([method, op]) => {
          const params = (op.parameters ?? [])
            .map(
              (p) =>
                `<li><code>${escapeHtml(p.name)}</code> (${p.in}${p.required ? ', required' : ''}) ${escapeHtml(p.description ?? '')}</li>`,
            )
            .join('')
          const body = op.requestBody?.content['application/json']?.schema
          const responses = Object.entries(op.responses ?? {})
            .map(([status, r]) => {
              const schema = r.content?.['application/json']?.schema
              const label = r.$ref
                ? `problem+json (${r.$ref.split('/').pop()})`
                : (r.description ?? '')
              return `<details><summary><b>${status}</b> ${escapeHtml(label)}</summary>${schema ? json(schema) : ''}</details>`
            })
            .join('')
          return `<section class="op"><h3><span class="m ${method}">${method.toUpperCase()}</span> <code>${escapeHtml(route)}</code></h3>
<p>${escapeHtml(op.summary ?? '')}</p>${params ? `<ul>${params}</ul>` : ''}${
            body ? `<details><summary>request body</summary>${json(body)}</details>` : ''
          }${responses}</section>`
        }),
    )
    return `<h2 id="${escapeHtml(tag.name)}">${escapeHtml(tag.name)}</h2><p>${escapeHtml(tag.description ?? '')}</p>${ops.join('')}`
  })
  const toc = tags
    .map((t) => `<a href="#${escapeHtml(t.name)}">${escapeHtml(t.name)}</a>`)
    .join(' · ')
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${escapeHtml(doc.info.title)}</title>
<style>body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:62rem;padding:0 1rem;color:#1d2330}
.op{border:1px solid #dde1e8;border-radius:8px;padding:.2rem 1rem .6rem;margin:.8rem 0}h3{font-size:1rem}
.m{display:inline-block;min-width:4.2rem;border-radius:4px;color:#fff;text-align:center;font-size:.8rem;padding:.1rem 0}
.get{background:#2f6fdb}.post{background:#1d9a58}.delete{background:#c2413b}
pre{background:#f5f6f8;padding:.6rem;overflow:auto;font-size:12px}summary{cursor:pointer}</style>
</head><body><h1>${escapeHtml(doc.info.title)} <small>${escapeHtml(doc.info.version)}</small></h1>
<p>${escapeHtml(doc.info.description ?? '')}</p>
<p><a href="/v1/openapi.json">OpenAPI 3.1 document</a> · ${toc}</p>${sections.join('')}</body></html>`
}
