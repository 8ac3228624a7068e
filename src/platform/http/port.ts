// The HTTP port's shape, apart from its platform variants (http/index.ts, http/index.h5.ts,
// http/index.harmony-hybrid.ts) and the adapters behind them, which all import it from here.

/** What the issuer transport sends: a text request with a timeout. */
export interface HttpRequest {
  url: string
  method: 'GET' | 'POST' | 'PUT' | 'DELETE'
  header: Record<string, string>
  data?: string
  timeout: number
}

/** The raw answer, before the transport reads status, headers and body. */
export interface HttpResponse {
  statusCode: number
  data: unknown
  header: Record<string, unknown>
}
