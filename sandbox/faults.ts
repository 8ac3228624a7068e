import { FAULT_BODIES, type FaultRule } from '@contract'

/** What a fault does to a request (header `X-Sandbox-Fault` or a rule, see FaultRuleSchema). */
export interface FaultEffect {
  latency_ms?: number
  status?: number
  retry_after_s?: number
  body?: 'malformed' | 'truncated' | 'missing_field' | 'extra_field'
  content_type?: string
  drop?: boolean
  token?: 'expired'
}

/** `status=503;retry_after=2` → effect; unknown keys are ignored. */
export function parseFaultHeader(header: string | undefined): FaultEffect | undefined {
  if (!header) return undefined
  const effect: FaultEffect = {}
  for (const part of header.split(';')) {
    const [rawKey, rawValue = ''] = part.split('=')
    const key = rawKey?.trim()
    const value = rawValue.trim()
    if (key === 'latency') effect.latency_ms = Math.min(60_000, Number(value) || 0)
    else if (key === 'status' && /^[45]\d\d$/.test(value)) effect.status = Number(value)
    else if (key === 'retry_after' && /^\d{1,4}$/.test(value)) effect.retry_after_s = Number(value)
    else if (key === 'body' && (FAULT_BODIES as readonly string[]).includes(value))
      effect.body = value as FaultEffect['body']
    else if (key === 'content_type' && /^[\x20-\x7e]{0,128}$/.test(value))
      effect.content_type = value
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
