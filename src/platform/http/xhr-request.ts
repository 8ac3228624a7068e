import type { HttpRequest, HttpResponse } from './port'

/**
 * The browser's `XMLHttpRequest`, with its own `timeout`. Rejects like `Taro.request`
 * does, with `{errMsg}` (`request:fail timeout` when the time ran out), so the transport
 * reads both the same way.
 *
 * Why not `fetch`: a fetch answers in two steps, the headers' promise and then the
 * body read from a stream, each a task of its own on the page's main thread, where an
 * XHR hands over status, headers and text in its one `load` event. On the pay-code page
 * at CPU ×6 that step cost 10–15 ms between the code's response and its QR (medians of
 * two sets of 12 interleaved loads each: 96 → 82 ms and 99 → 89 ms). Why not `Taro.request`
 * on the web builds: Taro's H5 request wraps `fetch` in polyfills every target browser
 * already has (whatwg-fetch, abortcontroller-polyfill) and a JSONP client we never use,
 * bytes on every page's first load (`npm run bench:bytes -- h5`).
 */
export function xhrRequest(request: HttpRequest): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open(request.method, request.url)
    for (const [name, value] of Object.entries(request.header)) xhr.setRequestHeader(name, value)
    xhr.timeout = request.timeout
    xhr.onload = () =>
      resolve({
        statusCode: xhr.status,
        data: xhr.responseText,
        header: parseHeaders(xhr.getAllResponseHeaders()),
      })
    xhr.ontimeout = () => reject({ errMsg: 'request:fail timeout' })
    // The browser says nothing more than "it failed" (refused, reset, offline, CORS).
    xhr.onerror = () => reject({ errMsg: 'request:fail network error' })
    xhr.send(request.data ?? null)
  })
}

/** `getAllResponseHeaders()`: CRLF-separated `name: value` lines, names lower-case. */
function parseHeaders(raw: string): Record<string, string> {
  const header: Record<string, string> = {}
  for (const line of raw.split('\r\n')) {
    const colon = line.indexOf(':')
    if (colon > 0) header[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim()
  }
  return header
}
