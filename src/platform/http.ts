import { taroRequest } from './taro-request'

/** What the issuer transport sends: a text request with a timeout. */
export interface HttpRequest {
  url: string
  method: 'GET' | 'POST' | 'DELETE'
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

/**
 * WeChat, Alipay and JD: `Taro.request`, the platform's HTTP client (the web builds use
 * `XMLHttpRequest` itself: http.h5.ts). Rejects with `{errMsg}` when no answer arrives.
 */
export const httpRequest: (request: HttpRequest) => Promise<HttpResponse> = taroRequest
