import { toJsonSchema } from '@valibot/to-json-schema'
import type * as v from 'valibot'

import { ENDPOINTS } from './endpoints'
import { ProblemSchema } from './schemas'

type Json = Record<string, unknown>

function schemaOf(schema: v.GenericSchema): Json {
  const { $schema: _ignored, ...rest } = toJsonSchema(schema, { errorMode: 'throw' }) as Json
  return rest
}

const PROBLEM_TITLES: Record<number, string> = {
  400: 'Bad request (e.g. missing Idempotency-Key)',
  401: 'Unauthorized, token expired, or refresh token reused',
  404: 'Not found (also for another user\u2019s card)',
  409: 'Conflict (request in progress, code already used)',
  410: 'Gone (expired code)',
  422: 'Validation failed, or Idempotency-Key reused with another body',
  429: 'Rate limited (see Retry-After)',
}

/**
 * The OpenAPI 3.1 document, generated from the contract's schemas and endpoint
 * table: the committed docs/openapi.json is this, byte for byte (a test checks).
 */
export function buildOpenApi(): Json {
  const paths: Record<string, Record<string, Json>> = {}
  for (const e of ENDPOINTS) {
    const parameters: Json[] = [...e.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }))
    for (const [name, q] of Object.entries(e.query ?? {})) {
      parameters.push({
        name,
        in: 'query',
        required: false,
        description: q.description,
        schema: { type: q.type },
      })
    }
    if (e.idempotencyKey) {
      parameters.push({
        name: 'Idempotency-Key',
        in: 'header',
        required: true,
        description: 'A unique key per intent; a replay returns the stored response.',
        schema: { type: 'string', minLength: 8, maxLength: 128 },
      })
    }
    const responses: Record<string, Json> = {}
    for (const [status, body] of Object.entries(e.responses)) {
      const headers: Json = { 'X-Request-Id': { $ref: '#/components/headers/RequestId' } }
      if (e.method === 'get') headers.ETag = { $ref: '#/components/headers/ETag' }
      if (e.noStore) headers['Cache-Control'] = { $ref: '#/components/headers/NoStore' }
      responses[status] =
        body === null
          ? { description: 'No content', headers }
          : {
              description: 'OK',
              headers,
              content: {
                'application/json': {
                  schema: Array.isArray(body) ? { oneOf: body.map(schemaOf) } : schemaOf(body),
                },
              },
            }
    }
    if (e.method === 'get') responses['304'] = { description: 'Not modified (If-None-Match)' }
    for (const status of [...e.problems, 503]) {
      responses[String(status)] = { $ref: `#/components/responses/Problem${status}` }
    }
    paths[e.path] ??= {}
    paths[e.path]![e.method] = {
      operationId: e.id,
      summary: e.summary,
      tags: [e.tag],
      ...(e.auth ? {} : { security: [] }),
      ...(parameters.length ? { parameters } : {}),
      ...(e.request
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: schemaOf(e.request) } },
            },
          }
        : {}),
      responses,
    }
  }
  const problemStatuses = [...new Set(ENDPOINTS.flatMap((e) => e.problems)), 410, 503].sort()
  const problemResponses: Record<string, Json> = {}
  for (const status of problemStatuses) {
    problemResponses[`Problem${status}`] = {
      description: PROBLEM_TITLES[status] ?? 'Service unavailable (see Retry-After)',
      headers: {
        'X-Request-Id': { $ref: '#/components/headers/RequestId' },
        ...(status === 429 || status === 503
          ? { 'Retry-After': { $ref: '#/components/headers/RetryAfter' } }
          : {}),
      },
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Cardlet issuer API',
      version: '1.0.0',
      description:
        'The card-issuer contract the Cardlet widgets call. Money is integer minor units plus an ISO 4217 code; dates are YYYY-MM-DD in the issuer time zone; errors are RFC 9457 problem+json.',
    },
    servers: [{ url: 'http://127.0.0.1:4010', description: 'sandbox issuer (npm run sandbox)' }],
    security: [{ bearer: [] }],
    tags: [
      { name: 'auth' },
      { name: 'cards' },
      { name: 'repayments' },
      { name: 'pay-codes' },
      { name: 'reminders' },
    ],
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: { Problem: schemaOf(ProblemSchema) },
      headers: {
        RequestId: { description: 'Echoed or generated request id', schema: { type: 'string' } },
        ETag: { description: 'Entity tag for If-None-Match', schema: { type: 'string' } },
        NoStore: {
          description: 'no-store: codes and tokens are never cached',
          schema: { type: 'string' },
        },
        RetryAfter: { description: 'Seconds to wait before retrying', schema: { type: 'integer' } },
      },
      responses: problemResponses,
    },
  }
}

/** The document as committed: two-space JSON and a final newline. */
export function openApiText(): string {
  return `${JSON.stringify(buildOpenApi(), null, 2)}\n`
}
