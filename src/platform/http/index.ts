import type { HttpRequest, HttpResponse } from './port'
import { taroRequest } from './taro-request'

export type { HttpRequest, HttpResponse }

/**
 * WeChat, Alipay and JD: `Taro.request`, the platform's HTTP client (the web builds use
 * `XMLHttpRequest` itself: http/index.h5.ts). Rejects with `{errMsg}` when no answer arrives.
 */
export const httpRequest: (request: HttpRequest) => Promise<HttpResponse> = taroRequest
