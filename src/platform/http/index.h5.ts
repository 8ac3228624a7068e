import type { HttpRequest, HttpResponse } from './port'
import { taroRequest } from './taro-request'
import { xhrRequest } from './xhr-request'

export type { HttpRequest, HttpResponse }

/**
 * H5: the browser's `XMLHttpRequest` (./xhr-request). Automator agent builds keep
 * `Taro.request`, so a QA script's `mockWxMethod('request')` reaches the app there
 * (src/testing/agent/taro-api.ts); the constant drops that branch from production.
 */
export async function httpRequest(request: HttpRequest): Promise<HttpResponse> {
  // An `if` with the constant as its test, not an early return: webpack drops the
  // branch (and Taro's request with its polyfills) only in that form.
  if (CARDLET_TEST_AGENT) {
    return taroRequest(request)
  }
  return xhrRequest(request)
}
