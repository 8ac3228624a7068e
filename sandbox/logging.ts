import type { FastifyServerOptions } from 'fastify'

/** Long digit runs (card numbers, pay codes) never reach a log line. */
function maskDigits(text: string): string {
  return text.replace(/\d{12,}/g, '[redacted]')
}

/**
 * Each request's logger, whose `reqId` is the caller's X-Request-Id when it has the form
 * of one: a pay code sent in that header is masked like one in the path.
 */
export const maskedChildLogger: NonNullable<FastifyServerOptions['childLoggerFactory']> = (
  logger,
  bindings,
  options,
) =>
  logger.child(
    typeof bindings.reqId === 'string'
      ? { ...bindings, reqId: maskDigits(bindings.reqId) }
      : bindings,
    options,
  )

/**
 * The logger: only the request id, method, path (long digit runs masked in each) and
 * status are logged, never other headers, query strings or bodies, where tokens, codes
 * and secrets travel.
 */
export function loggerOptions(stream: NodeJS.WritableStream): FastifyServerOptions['logger'] {
  return {
    stream,
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
}
