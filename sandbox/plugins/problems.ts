import crypto from 'node:crypto'

import {
  type Problem as ProblemBody,
  PROBLEM_TITLES,
  type ProblemCode,
  type ProblemStatus,
} from '@contract'
import type { FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify'
import fp from 'fastify-plugin'

const PROBLEM_BASE = 'https://cardlet.dev/problems/'

/** The extension members a problem may carry beside RFC 9457's (the contract's ProblemSchema). */
export type ProblemExtensions = Pick<ProblemBody, 'attempts_left' | 'locked_until'>

/** An answer the sandbox refuses with: thrown anywhere, sent as problem+json. */
export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly code: ProblemCode,
    readonly detail: string,
    readonly retryAfterS?: number,
    readonly extensions: ProblemExtensions = {},
  ) {
    super(detail)
  }
}

/** Refuses the request (throws the Problem), with its extension members if any. */
export function problem(
  status: number,
  code: ProblemCode,
  detail: string,
  extensions?: ProblemExtensions,
): never {
  throw new Problem(status, code, detail, undefined, extensions)
}

const titleOf = (status: number): string => PROBLEM_TITLES[status as ProblemStatus] ?? 'Error'

/** The RFC 9457 body of a problem. */
function problemBody(
  status: number,
  code: ProblemCode,
  detail: string,
  requestId: string,
  extensions: ProblemExtensions = {},
): ProblemBody {
  return {
    type: `${PROBLEM_BASE}${code}`,
    title: titleOf(status),
    status,
    detail,
    code,
    request_id: requestId,
    retryable: status === 429 || status >= 500,
    ...extensions,
  }
}

function isClientError(error: unknown): error is { statusCode: number } {
  const status = (error as { statusCode?: unknown }).statusCode
  return typeof status === 'number' && status >= 400 && status < 500
}

/**
 * A bad percent-escape (400) or an over-long path parameter (414) is answered before
 * any route or hook runs: problem+json all the same.
 */
export const frameworkErrors: NonNullable<FastifyServerOptions['frameworkErrors']> = (
  error,
  request,
  reply,
) => {
  const status = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 414 : 400
  const detail = status === 414 ? 'a path parameter is too long' : 'the URL cannot be decoded'
  void (reply as FastifyReply)
    .code(status)
    .header('X-Request-Id', request.id)
    .type('application/problem+json')
    .send(problemBody(status, 'validation_failed', detail, request.id))
}

/**
 * Errors Node's HTTP parser raises before Fastify sees a request (431 headers too
 * large, 408, 400 garbage): problem+json written straight to the socket.
 */
export const clientErrorHandler: NonNullable<FastifyServerOptions['clientErrorHandler']> = (
  error: Error & { code?: string },
  socket,
) => {
  if (error.code === 'ECONNRESET' || socket.destroyed) return
  const status =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? 431
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? 408
        : 400
  const requestId = crypto.randomUUID()
  const detail = status === 431 ? 'the request headers are too large' : 'the request cannot be read'
  const body = JSON.stringify(problemBody(status, 'validation_failed', detail, requestId))
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${titleOf(status)}\r\nContent-Type: application/problem+json\r\n` +
        `X-Request-Id: ${requestId}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    )
  }
  socket.destroy()
}

/** The 404 of a request no route matched (set per scope: the API scope adds its headers). */
export function notFound(request: FastifyRequest, reply: FastifyReply): void {
  const detail = `no route ${request.method} ${request.url.split('?')[0]}`
  void reply
    .code(404)
    .type('application/problem+json')
    .send(problemBody(404, 'not_found', detail, request.id))
}

/**
 * Every error becomes problem+json with the request id: a Problem as it says, a
 * client error of the framework (bad JSON, body too large) as 4xx, anything else 500.
 */
export default fp(
  async (app) => {
    app.setErrorHandler((error, request, reply) => {
      const refusal =
        error instanceof Problem
          ? error
          : (error as { statusCode?: number }).statusCode === 429
            ? new Problem(429, 'rate_limited', 'too many requests', 1)
            : isClientError(error)
              ? new Problem(error.statusCode, 'validation_failed', 'the request cannot be read')
              : new Problem(500, 'internal', 'the sandbox failed')
      if (refusal.status === 500) request.log.error({ err: error }, 'sandbox error')
      if (refusal.retryAfterS !== undefined) {
        reply.header('Retry-After', String(refusal.retryAfterS))
      }
      void reply
        .code(refusal.status)
        .type('application/problem+json')
        .send(
          problemBody(refusal.status, refusal.code, refusal.detail, request.id, refusal.extensions),
        )
    })
    app.setNotFoundHandler(notFound)
  },
  { name: 'problems' },
)
