import Taro from '@tarojs/taro'

import type { HttpRequest, HttpResponse } from './port'

/** `Taro.request` as the transport needs it: text in, text out, `{errMsg}` on failure. */
export async function taroRequest(request: HttpRequest): Promise<HttpResponse> {
  const response = await Taro.request<string>({
    ...request,
    dataType: 'text',
    responseType: 'text',
  })
  return {
    statusCode: response.statusCode,
    data: response.data,
    header: response.header as Record<string, unknown>,
  }
}
