import crypto from 'node:crypto'

import fp from 'fastify-plugin'

/**
 * Cache headers: an endpoint the contract marks `noStore` (tokens, codes, seeds)
 * answers `Cache-Control: no-store`; any other JSON GET gets a weak ETag, and
 * If-None-Match with it answers 304.
 */
export default fp(
  async (app) => {
    app.addHook('onRequest', async (request, reply) => {
      if (request.routeOptions.config.endpoint?.noStore) reply.header('Cache-Control', 'no-store')
    })
    app.addHook('onSend', async (request, reply, payload) => {
      if (
        request.method !== 'GET' ||
        reply.statusCode !== 200 ||
        typeof payload !== 'string' ||
        !String(reply.getHeader('content-type') ?? '').startsWith('application/json') ||
        String(reply.getHeader('cache-control') ?? '').includes('no-store')
      ) {
        return payload
      }
      const etag = `W/"${crypto.createHash('sha1').update(payload).digest('base64url')}"`
      reply.header('ETag', etag)
      if (request.headers['if-none-match'] !== etag) return payload
      reply.code(304)
      return ''
    })
  },
  { name: 'cache' },
)
