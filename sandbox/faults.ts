import * as v from 'valibot'

/** What a fault does to a request (header `X-Sandbox-Fault` or a rule). */
export interface FaultEffect {
  latency_ms?: number
  status?: number
  retry_after_s?: number
  body?: 'malformed' | 'truncated' | 'missing_field' | 'extra_field'
  content_type?: string
  drop?: boolean
  token?: 'expired'
}

export const FaultRuleSchema = v.object({
  route: v.pipe(v.string(), v.startsWith('/v1/')),
  method: v.optional(v.picklist(['GET', 'POST', 'DELETE'])),
  probability: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(1))),
  times: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
  latency_ms: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(60_000))),
  status: v.optional(v.pipe(v.number(), v.integer(), v.minValue(400), v.maxValue(599))),
  retry_after_s: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
  body: v.optional(v.picklist(['malformed', 'truncated', 'missing_field', 'extra_field'])),
  content_type: v.optional(v.string()),
  drop: v.optional(v.boolean()),
  token: v.optional(v.literal('expired')),
})
export type FaultRule = v.InferOutput<typeof FaultRuleSchema>

export const FaultRulesRequestSchema = v.object({
  seed: v.optional(v.pipe(v.number(), v.integer())),
  rules: v.array(FaultRuleSchema),
})

/** `status=503;retry_after=2` → effect; unknown keys are ignored. */
export function parseFaultHeader(header: string | undefined): FaultEffect | undefined {
  if (!header) return undefined
  const effect: FaultEffect = {}
  for (const part of header.split(';')) {
    const [rawKey, rawValue = ''] = part.split('=')
    const key = rawKey?.trim()
    const value = rawValue.trim()
    if (key === 'latency') effect.latency_ms = Math.min(60_000, Number(value) || 0)
    else if (key === 'status') effect.status = Number(value)
    else if (key === 'retry_after') effect.retry_after_s = Number(value)
    else if (
      key === 'body' &&
      ['malformed', 'truncated', 'missing_field', 'extra_field'].includes(value)
    )
      effect.body = value as FaultEffect['body']
    else if (key === 'content_type') effect.content_type = value
    else if (key === 'drop') effect.drop = true
    else if (key === 'token' && value === 'expired') effect.token = 'expired'
  }
  return Object.keys(effect).length ? effect : undefined
}

function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')
  return new RegExp(`^${escaped}$`)
}

/** Fault rules with their remaining counts and a seeded dice for probabilities. */
export class FaultRules {
  private rules: { rule: FaultRule; pattern: RegExp; left: number }[] = []

  constructor(private random: () => number) {}

  set(rules: FaultRule[], random?: () => number): void {
    if (random) this.random = random
    this.rules = rules.map((rule) => ({
      rule,
      pattern: globToRegExp(rule.route),
      left: rule.times ?? Number.POSITIVE_INFINITY,
    }))
  }

  clear(): void {
    this.rules = []
  }

  /** The effect of the first rule matching this request, consuming one of its times. */
  match(method: string, path: string): FaultEffect | undefined {
    for (const entry of this.rules) {
      if (entry.left <= 0) continue
      if (entry.rule.method && entry.rule.method !== method) continue
      if (!entry.pattern.test(path)) continue
      if (entry.rule.probability !== undefined && this.random() >= entry.rule.probability) continue
      entry.left -= 1
      const { route: _route, method: _method, probability: _p, times: _t, ...effect } = entry.rule
      return effect
    }
    return undefined
  }
}

/** Rewrites a JSON body the way a broken issuer would. */
export function corruptBody(body: string, kind: NonNullable<FaultEffect['body']>): string {
  if (kind === 'malformed') return `{"oops": ${body.slice(0, 10)}`
  if (kind === 'truncated') return body.slice(0, Math.max(1, Math.floor(body.length / 2)))
  try {
    const parsed = JSON.parse(body) as Record<string, unknown>
    if (kind === 'extra_field') return JSON.stringify({ ...parsed, sandbox_extra: true })
    const [first] = Object.keys(parsed)
    if (first) delete parsed[first]
    return JSON.stringify(parsed)
  } catch {
    return body
  }
}
