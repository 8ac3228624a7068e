import * as v from 'valibot'

/** How Cardlet signs in inside a host mini-program (docs/embedding.md). */
export type CardletSession =
  /** Cardlet's own sign-in: the platform login code, exchanged by the issuer. */
  | { mode: 'cardlet' }
  /**
   * The host's: a function returning the host's current access token for the issuer
   * API. Called when a widget first needs it and again whenever the issuer answers 401.
   */
  | { mode: 'host'; getAccessToken: () => Promise<string> | string; timeoutMs?: number }

/** What a host passes to `configure()`, once per app. */
export interface CardletHostOptions {
  /** The issuer API's origin, e.g. `https://api.bank.example` (no path). */
  issuerBaseUrl: string
  /** Default: Cardlet's own sign-in. */
  session?: CardletSession
}

const SessionSchema = v.variant('mode', [
  v.strictObject({ mode: v.literal('cardlet') }),
  v.strictObject({
    mode: v.literal('host'),
    getAccessToken: v.function(),
    timeoutMs: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(60_000))),
  }),
])

const OptionsSchema = v.strictObject({
  issuerBaseUrl: v.pipe(v.string(), v.regex(/^https?:\/\/[^/\s]+\/?$/, 'an http(s) origin')),
  session: v.optional(SessionSchema),
})

/** The options, or a message naming each field that is wrong. */
export function checkHostOptions(
  input: unknown,
): { ok: true; options: CardletHostOptions } | { ok: false; message: string } {
  const result = v.safeParse(OptionsSchema, input)
  if (result.success) return { ok: true, options: result.output as CardletHostOptions }
  const fields = result.issues.map((issue) => {
    const path = v.getDotPath(issue) ?? '(options)'
    return `${path}: ${issue.message}`
  })
  return { ok: false, message: `cardlet configure(): ${fields.join('; ')}` }
}
