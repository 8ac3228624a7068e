import fp from 'fastify-plugin'

/** Methods whose operations take no body. */
const BODYLESS = new Set(['GET', 'HEAD', 'DELETE'])

/**
 * Every answer carries its request id; a body announced but not sent (Content-Length
 * above what arrives) would hold the request open for ever, so after `bodyTimeoutMs`
 * it answers 408 and the connection closes. An empty JSON body on a DELETE is no body:
 * Taro's Alipay `request` sends `Content-Type: application/json` on every call, which
 * Fastify's own parser refuses (400) when nothing follows.
 */
export default fp<{ bodyTimeoutMs: number }>(
  async (app, { bodyTimeoutMs }) => {
    const json = app.getDefaultJsonParser('error', 'error')
    app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
      if (body === '' && BODYLESS.has(request.method)) {
        done(null, undefined)
        return
      }
      json(request, String(body), done)
    })
    app.addHook('onRequest', async (request, reply) => {
      reply.header('X-Request-Id', request.id)
      if (
        Number(request.headers['content-length'] ?? 0) === 0 &&
        !request.headers['transfer-encoding']
      ) {
        return
      }
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
    })
  },
  { name: 'request-context' },
)
