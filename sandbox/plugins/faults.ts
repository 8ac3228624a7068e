import type { ProblemCode } from '@contract'
import type { FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'

import { corruptBody, type FaultEffect, type FaultRules, parseFaultHeader } from '../faults'
import { Problem } from './problems'

declare module 'fastify' {
  interface FastifyRequest {
    /** The fault injected into this request (header or rule), if any. */
    fault: FaultEffect | null
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

/**
 * The path the router matched, with its parameters filled in (decoded): rules match
 * this, never the raw URL, so `/%761/cards` is `/v1/cards`.
 */
function routedPath(request: FastifyRequest): string {
  const params = (request.params ?? {}) as Record<string, string>
  return (
    request.routeOptions.url?.replace(/:(\w+)/g, (_match, name: string) => params[name] ?? '') ?? ''
  )
}

/**
 * Fault injection on the routes of the scope it is registered in (the issuer routes):
 * latency, a dropped connection or an injected status before the route runs, and a
 * broken body or content type on its way out (after the ETag, as a broken issuer would).
 */
export default fp<{ faults: FaultRules }>(
  async (app, { faults }) => {
    app.decorateRequest('fault', null)
    app.addHook('onRequest', async (request, reply) => {
      const header = request.headers['x-sandbox-fault']
      const effect =
        parseFaultHeader(typeof header === 'string' ? header : undefined) ??
        faults.match(request.method, routedPath(request))
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
          FAULT_CODES[effect.status] ??
            (effect.status >= 500 ? 'unavailable' : 'validation_failed'),
          'injected by the sandbox fault rules',
          effect.retry_after_s ?? (effect.status === 429 || effect.status === 503 ? 1 : undefined),
        )
      }
    })
    app.addHook('onSend', async (request, reply, payload) => {
      const fault = request.fault
      if (!fault || reply.statusCode >= 300 || typeof payload !== 'string') return payload
      if (fault.content_type) reply.header('content-type', fault.content_type)
      return fault.body ? corruptBody(payload, fault.body) : payload
    })
  },
  { name: 'faults' },
)
