import fp from 'fastify-plugin'

/**
 * Every answer carries its request id; a body announced but not sent (Content-Length
 * above what arrives) would hold the request open for ever, so after `bodyTimeoutMs`
 * it answers 408 and the connection closes.
 */
export default fp<{ bodyTimeoutMs: number }>(
  async (app, { bodyTimeoutMs }) => {
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
