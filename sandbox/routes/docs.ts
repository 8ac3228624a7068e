import { openApiText } from '@contract/openapi'
import swagger, { type StaticDocumentSpec } from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { FastifyPluginAsync } from 'fastify'

let text: string | undefined
/** The OpenAPI document generated from the contract (the committed docs/openapi.json). */
const documentText = () => (text ??= openApiText())

/** `/v1/openapi.json`: the contract's document, byte for byte as committed. */
export const openApiRoute: FastifyPluginAsync = async (app) => {
  app.get('/openapi.json', async (_request, reply) =>
    reply.type('application/json').send(documentText()),
  )
}

/**
 * `/docs`: Swagger UI (its assets from the npm package, nothing from a CDN) over the
 * same document, whose one server is the address this sandbox listens on, so
 * "Try it out" calls this sandbox. Never the request's Host: that is the caller's word.
 */
const docs: FastifyPluginAsync = async (app) => {
  const origin = () => {
    const address = app.server.address()
    if (address === null || typeof address === 'string') return 'http://127.0.0.1:4010'
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address
    return `http://${host}:${address.port}`
  }
  const document = JSON.parse(documentText()) as StaticDocumentSpec['document']
  await app.register(swagger, { mode: 'static', specification: { document } })
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    theme: { title: 'Cardlet issuer API' },
    transformSpecification: (document) => ({
      ...document,
      servers: [{ url: origin(), description: 'this sandbox' }],
    }),
  })
}
export default docs
