import { toJsonSchema } from '@valibot/to-json-schema'
import type * as v from 'valibot'

import { type Endpoint, ENDPOINT_TAGS, ENDPOINTS } from './endpoints'
import { PROBLEM_TITLES, ProblemSchema, type ProblemStatus } from './schemas'

type Json = Record<string, unknown>

function schemaOf(schema: v.GenericSchema): Json {
  const { $schema: _ignored, ...rest } = toJsonSchema(schema, { errorMode: 'throw' }) as Json
  return rest
}

/** What a problem status means in this API, after its title in the response description. */
const PROBLEM_NOTES: Partial<Record<ProblemStatus, string>> = {
  400: 'e.g. missing Idempotency-Key',
  401: 'no or unknown token, token expired, or refresh token reused',
  403: 'a step-up is required, a wrong or locked PIN, or a sandbox control called from a page of another origin',
  404: 'also for another user\u2019s card',
  409: 'request in progress, code already used, card locked',
  410: 'expired code, or a replaced or revoked code (or a code of a revoked offline seed)',
  422: 'validation failed, or Idempotency-Key reused with another body',
  429: 'rate limited; see Retry-After',
  503: 'see Retry-After',
}

function problemDescription(status: number): string {
  const title: string = PROBLEM_TITLES[status as ProblemStatus] ?? 'Error'
  const note = PROBLEM_NOTES[status as ProblemStatus]
  return note ? `${title} (${note})` : title
}

/** Query parameters from the endpoint's object schema: description beside, not inside. */
function queryParameters(query: NonNullable<Endpoint['query']>): Json[] {
  const { properties = {}, required = [] } = schemaOf(query) as {
    properties?: Record<string, Json>
    required?: string[]
  }
  return Object.entries(properties).map(([name, { description, type, ...rest }]) => ({
    name,
    in: 'query',
    required: required.includes(name),
    description,
    schema: { type, ...rest },
  }))
}

const TAG_DESCRIPTIONS: Record<(typeof ENDPOINT_TAGS)[number], string> = {
  auth: 'Sessions: a platform login code for a short-lived access token and a rotating refresh token.',
  cards: "The cardholder's cards, balances and current statements.",
  transactions:
    'What moved on a card: pay-code purchases authorised against the available credit (pending, posted, declined, reversed), fees, and repayments as credits.',
  repayments: 'Repayments, idempotent by Idempotency-Key.',
  'pay-codes': 'Online pay codes, offline TOTP seeds (RFC 6238) and payment results.',
  reminders: 'Due-date reminder subscriptions.',
  'payment-check':
    'The optional payment PIN (and WeChat SOTER in its place): step-up grants that pay codes and unlocking a card need when the cardholder has one.',
  sandbox:
    'Controls of the sandbox issuer only (no auth): simulate a till, move the clock, read the outbox, inject faults. Any issuer route also takes an `X-Sandbox-Fault` header in the sandbox: `status=503;retry_after=2`, `latency=1500`, `body=malformed|truncated|missing_field|extra_field`, `content_type=text/html`, `drop`, `token=expired`.',
}

function isSchemaList(
  body: v.GenericSchema | readonly v.GenericSchema[],
): body is readonly v.GenericSchema[] {
  return Array.isArray(body)
}

/**
 * The problem statuses an operation can answer: its own, plus 429 (per-token rate
 * limit), 500 and 503 (an outage, or an injected fault) on every issuer route.
 */
export function problemsOf(e: Endpoint): number[] {
  const all = e.tag === 'sandbox' ? e.problems : [...e.problems, 429, 500, 503]
  return [...new Set(all)].sort((a, b) => a - b)
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
    if (e.query) parameters.push(...queryParameters(e.query))
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
      if (e.method === 'get' && !e.noStore) headers.ETag = { $ref: '#/components/headers/ETag' }
      if (e.noStore) headers['Cache-Control'] = { $ref: '#/components/headers/NoStore' }
      if (e.idempotencyKey) {
        headers['Idempotent-Replayed'] = { $ref: '#/components/headers/IdempotentReplayed' }
      }
      responses[status] =
        body === null
          ? { description: 'No content', headers }
          : {
              description: status === '201' ? 'Created' : 'OK',
              headers,
              content: {
                'application/json': {
                  schema: isSchemaList(body) ? { oneOf: body.map(schemaOf) } : schemaOf(body),
                },
              },
            }
    }
    if (e.method === 'get' && !e.noStore) {
      responses['304'] = { description: 'Not modified (If-None-Match)' }
    }
    for (const status of problemsOf(e)) {
      responses[String(status)] = { $ref: `#/components/responses/Problem${status}` }
    }
    paths[e.path] ??= {}
    paths[e.path]![e.method] = {
      operationId: e.id,
      summary: e.summary,
      ...(e.description ? { description: e.description } : {}),
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
  const problemStatuses = [...new Set(ENDPOINTS.flatMap(problemsOf))].sort((a, b) => a - b)
  const problemResponses: Record<string, Json> = {}
  for (const status of problemStatuses) {
    problemResponses[`Problem${status}`] = {
      description: problemDescription(status),
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
    tags: ENDPOINT_TAGS.map((name) => ({ name, description: TAG_DESCRIPTIONS[name] })),
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
        IdempotentReplayed: {
          description:
            '`true` when this is the stored response of an earlier request with the same key',
          schema: { type: 'string', enum: ['true'] },
        },
      },
      responses: problemResponses,
    },
  }
}

/** The document as committed: two-space JSON and a final newline. */
export function openApiText(): string {
  return `${JSON.stringify(buildOpenApi(), null, 2)}\n`
}
