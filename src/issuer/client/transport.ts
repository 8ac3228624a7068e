import * as v from 'valibot'

import { httpRequest } from '@/platform/http'

import type { IssuerClock } from './clock'
import { IssuerError } from './errors'
import { DEFAULT_RETRY, nextRetryDelay, parseRetryAfter, type RetryPolicy } from './retry'

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE'

/** One call to the issuer, described by the endpoint function that makes it. */
export interface RequestSpec<T> {
  method: HttpMethod
  /** Path below the base URL, starting with /v1. */
  path: string
  query?: Record<string, string | number | undefined>
  body?: unknown
  /** Required for any POST that could move money; makes the POST safe to retry. */
  idempotencyKey?: string
  /** A POST the issuer answers the same way when repeated (refresh): retried like a GET. */
  idempotent?: boolean
  /** Validates a 2xx body; null for 204 answers. */
  schema: v.GenericSchema<unknown, T> | null
  /** Sends the bearer token (and renews it once on 401). Default true. */
  auth?: boolean
  /** For conditional GETs: answers 304 become `notModified`. */
  etag?: string
  /** Overrides the transport's timeout (long-polls). */
  timeoutMs?: number
}

/** A validated answer. */
export interface IssuerResponse<T> {
  status: number
  data: T | undefined
  etag?: string
  requestId?: string
  notModified: boolean
}

/** What the transport needs from the session layer. */
export interface AuthHooks {
  accessToken(): Promise<string>
  /** Renews the access token; concurrent callers share one renewal. */
  renew(rejectedToken: string): Promise<void>
}

export interface TransportOptions {
  /** Issuer origin; '' means the page's own origin (H5 served with the sandbox). */
  baseUrl: string
  timeoutMs?: number
  retry?: RetryPolicy
  random?: () => number
  sleep?: (ms: number) => Promise<void>
  now?: () => number
  /** Learns the issuer's clock from every answer's Date header. */
  clock?: IssuerClock
}

/** An issuer origin as the transport keeps it: no trailing slash, paths start with one. */
function trimBaseUrl(url: string): string {
  return url.replace(/\/$/, '')
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

let requestCounter = 0
/** A request id unique enough to find one call in the issuer's logs. */
export function newRequestId(random: () => number = Math.random): string {
  requestCounter = (requestCounter + 1) % 0xffff
  const rand = Math.floor(random() * 0xffffffff)
    .toString(16)
    .padStart(8, '0')
  return `cl-${Date.now().toString(36)}-${rand}-${requestCounter.toString(16)}`
}

function lowerCaseKeys(header: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [key, value] of Object.entries(header ?? {})) out[key.toLowerCase()] = String(value)
  return out
}

function queryString(query: RequestSpec<unknown>['query']): string {
  const parts = Object.entries(query ?? {})
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
  return parts.length ? `?${parts.join('&')}` : ''
}

interface RawResponse {
  statusCode: number
  text: string
  header: Record<string, string>
}

/**
 * The one way the app talks to the issuer: base URL, bearer auth with a single renewal
 * on 401, a request id per call, a timeout, bounded retries with full jitter for safe
 * requests only (GET, or POST with an Idempotency-Key), problem+json turned into
 * IssuerError, and every 2xx body validated against the shared contract. Bodies are
 * read as text and parsed here, so a truncated or non-JSON body is an error state,
 * never a crash.
 */
export class Transport {
  private readonly options: Required<Omit<TransportOptions, 'baseUrl' | 'clock'>> & {
    baseUrl: string
  }
  private readonly clock?: IssuerClock
  private auth?: AuthHooks

  constructor(options: TransportOptions) {
    // `??` rather than a spread: an option passed as undefined keeps its default.
    this.options = {
      baseUrl: trimBaseUrl(options.baseUrl),
      timeoutMs: options.timeoutMs ?? 10_000,
      retry: options.retry ?? DEFAULT_RETRY,
      random: options.random ?? Math.random,
      sleep: options.sleep ?? defaultSleep,
      now: options.now ?? Date.now,
    }
    this.clock = options.clock
  }

  setAuth(auth: AuthHooks): void {
    this.auth = auth
  }

  /** The issuer origin requests go to ('' is the page's own origin). */
  get baseUrl(): string {
    return this.options.baseUrl
  }

  /**
   * Points later calls at another issuer origin: a host that embeds the widgets
   * chooses it at run time. A call already under way keeps its origin for its retries,
   * so an Idempotency-Key is never replayed to an issuer that did not see the first try.
   */
  setBaseUrl(url: string): void {
    this.options.baseUrl = trimBaseUrl(url)
  }

  async send<T>(spec: RequestSpec<T>): Promise<IssuerResponse<T>> {
    const safe =
      spec.method === 'GET' || spec.idempotencyKey !== undefined || spec.idempotent === true
    const auth = spec.auth !== false ? this.auth : undefined
    const baseUrl = this.options.baseUrl
    const started = this.options.now()
    let renewed = false
    for (let attempt = 1; ; attempt += 1) {
      const token = auth ? await auth.accessToken() : undefined
      try {
        return await this.attempt(spec, baseUrl, token)
      } catch (error) {
        if (!(error instanceof IssuerError)) throw error
        if (error.status === 401 && auth && token && !renewed) {
          // One renewal per call (shared by concurrent callers); the call is then
          // repeated with the new token and the repeat is not counted as an attempt.
          renewed = true
          await auth.renew(token)
          attempt -= 1
          continue
        }
        const elapsed = this.options.now() - started
        const delay = safe
          ? nextRetryDelay(error, attempt, elapsed, this.options.retry, this.options.random)
          : undefined
        if (delay === undefined) throw error
        await this.options.sleep(delay)
      }
    }
  }

  private async attempt<T>(
    spec: RequestSpec<T>,
    baseUrl: string,
    token: string | undefined,
  ): Promise<IssuerResponse<T>> {
    const requestId = newRequestId(this.options.random)
    const header: Record<string, string> = {
      Accept: 'application/json, application/problem+json',
      'X-Request-Id': requestId,
    }
    if (spec.body !== undefined) header['Content-Type'] = 'application/json'
    if (token) header.Authorization = `Bearer ${token}`
    if (spec.idempotencyKey) header['Idempotency-Key'] = spec.idempotencyKey
    if (spec.etag) header['If-None-Match'] = spec.etag
    // Past the browser's HTTP cache (H5, harmony-hybrid): it would revalidate a stored
    // answer with that answer's ETag and hand the stored body back on a 304, so a body
    // that failed validation here came back after the issuer was fine again. The only
    // validator sent is the one above, of an answer that passed the contract.
    if (spec.method === 'GET') header['Cache-Control'] = 'no-cache'

    const sentAt = this.options.now()
    const raw = await this.request({
      timeoutMs: spec.timeoutMs ?? this.options.timeoutMs,
      url: `${baseUrl}${spec.path}${queryString(spec.query)}`,
      method: spec.method,
      header,
      data: spec.body === undefined ? undefined : JSON.stringify(spec.body),
    })
    const responseId = raw.header['x-request-id'] ?? requestId
    const issuerDate = raw.header.date ? Date.parse(raw.header.date) : NaN
    this.clock?.observe(issuerDate, sentAt, this.options.now(), 1000)
    const etag = raw.header.etag

    if (raw.statusCode === 304 && spec.etag) {
      return {
        status: 304,
        data: undefined,
        etag: etag ?? spec.etag,
        requestId: responseId,
        notModified: true,
      }
    }
    if (raw.statusCode >= 200 && raw.statusCode < 300) {
      if (spec.schema === null) {
        return {
          status: raw.statusCode,
          data: undefined,
          etag,
          requestId: responseId,
          notModified: false,
        }
      }
      const body = this.parseJson(raw, responseId, /^application\/json\b/)
      const parsed = v.safeParse(spec.schema, body)
      if (!parsed.success) {
        throw new IssuerError({
          kind: 'malformed',
          message: `response to ${spec.method} ${spec.path} does not match the contract: ${parsed.issues
            .slice(0, 3)
            .map((issue) => `${v.getDotPath(issue) ?? '(root)'}: ${issue.message}`)
            .join('; ')}`,
          status: raw.statusCode,
          requestId: responseId,
        })
      }
      return {
        status: raw.statusCode,
        data: parsed.output,
        etag,
        requestId: responseId,
        notModified: false,
      }
    }
    throw this.problemError(raw, responseId)
  }

  private async request({
    timeoutMs,
    ...options
  }: {
    timeoutMs: number
    url: string
    method: HttpMethod
    header: Record<string, string>
    data?: string
  }): Promise<RawResponse> {
    try {
      // The platform's HTTP port (src/platform/http*.ts): `Taro.request` on the
      // mini-programs, `XMLHttpRequest` on the web builds, `Taro.request` again in the
      // automator agent's H5 build so that mockWxMethod('request') reaches this call.
      const response = await httpRequest({ ...options, timeout: timeoutMs })
      return {
        statusCode: response.statusCode,
        text:
          typeof response.data === 'string' ? response.data : JSON.stringify(response.data ?? ''),
        header: lowerCaseKeys(response.header),
      }
    } catch (error) {
      const message = (error as { errMsg?: string; message?: string })?.errMsg ?? String(error)
      const timedOut = /timeout|abort/i.test(message)
      throw new IssuerError({
        kind: timedOut ? 'timeout' : 'network',
        message: timedOut
          ? `no answer within ${this.options.timeoutMs} ms`
          : 'request failed: no answer',
      })
    }
  }

  private parseJson(raw: RawResponse, requestId: string, contentType: RegExp): unknown {
    const type = raw.header['content-type'] ?? ''
    if (!contentType.test(type)) {
      throw new IssuerError({
        kind: 'malformed',
        message: `unexpected content type "${type}"`,
        status: raw.statusCode,
        requestId,
      })
    }
    try {
      return JSON.parse(raw.text) as unknown
    } catch {
      throw new IssuerError({
        kind: 'malformed',
        message: 'response body is not valid JSON',
        status: raw.statusCode,
        requestId,
      })
    }
  }

  private problemError(raw: RawResponse, requestId: string): IssuerError {
    let problem: {
      code?: unknown
      detail?: unknown
      retryable?: unknown
      attempts_left?: unknown
      locked_until?: unknown
    } = {}
    try {
      problem = this.parseJson(raw, requestId, /^application\/(problem\+)?json\b/) as typeof problem
    } catch {
      // A 5xx proxy page or an empty body: the status alone decides below.
    }
    const code = typeof problem.code === 'string' ? problem.code : undefined
    const detail = typeof problem.detail === 'string' ? problem.detail : undefined
    const retryAfterMs = parseRetryAfter(raw.header['retry-after'], this.options.now())
    const status = raw.statusCode
    const init = {
      message: `${status} ${code ?? ''} ${detail ?? ''}`.trim(),
      status,
      code,
      requestId,
      retryAfterMs,
      attemptsLeft: typeof problem.attempts_left === 'number' ? problem.attempts_left : undefined,
      lockedUntil: typeof problem.locked_until === 'string' ? problem.locked_until : undefined,
    }
    if (status === 401) return new IssuerError({ ...init, kind: 'signed_out', retryable: false })
    if (status === 429) return new IssuerError({ ...init, kind: 'rate_limited' })
    if (status >= 500) return new IssuerError({ ...init, kind: 'unavailable' })
    return new IssuerError({ ...init, kind: 'problem', retryable: problem.retryable === true })
  }
}
