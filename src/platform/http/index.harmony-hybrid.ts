import Taro from '@tarojs/taro'

import type { HttpRequest, HttpResponse } from './port'
import { xhrRequest } from './xhr-request'

export type { HttpRequest, HttpResponse }

type WebRequest = (
  options: Taro.request.Option<string>,
  useNativeRequest: false,
) => Promise<{
  statusCode: number
  data: unknown
  header: Record<string, unknown>
}>

/**
 * HarmonyOS hybrid: the webview's own HTTP (the hybrid plugin's
 * `request(options, false)`, which is Taro's H5 request), not the bridge's native
 * `NativeRequest`. Outside a container the native one would never answer, and inside
 * one it would need the container to implement it; the webview's own works in both,
 * enforces the timeout in the page (the 25 s pay-code long-poll relies on it) and
 * reaches the issuer exactly as the H5 build does (same origin, or CORS on the issuer).
 * Production builds call `XMLHttpRequest` directly (./xhr-request: Taro's web request
 * is `fetch` plus polyfills); automator agent builds go through the plugin so
 * `mockWxMethod('request')` reaches the app.
 */
export async function httpRequest(request: HttpRequest): Promise<HttpResponse> {
  // The constant as an `if` test (not an early return), so webpack drops the branch.
  if (CARDLET_TEST_AGENT) {
    const webRequest = Taro.request as unknown as WebRequest
    const response = await webRequest(
      { ...request, dataType: 'text', responseType: 'text' } as Taro.request.Option<string>,
      false,
    )
    return { statusCode: response.statusCode, data: response.data, header: response.header }
  }
  return xhrRequest(request)
}
