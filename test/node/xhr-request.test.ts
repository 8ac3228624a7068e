/**
 * @jest-environment jsdom
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'

import { xhrRequest } from '@/platform/http/xhr-request'

/**
 * The web builds' HTTP client (src/platform/http/xhr-request.ts) over real HTTP: jsdom's
 * `XMLHttpRequest` makes real requests, with a browser's CORS rules (the page is
 * jsdom's `http://localhost/`, so the server answers as an issuer allowing it must), and
 * a local server plays the issuer's edges.
 */

let server: http.Server
let base: string
let closedBase: string
const seen: { method?: string; body: string; auth?: string }[] = []

beforeAll(async () => {
  server = http.createServer((req, res) => {
    res.setHeader('Access-Control-Allow-Origin', '*')
    res.setHeader('Access-Control-Expose-Headers', 'X-Request-Id')
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'Access-Control-Allow-Methods': 'GET, POST, DELETE',
        'Access-Control-Allow-Headers': 'Authorization, Content-Type',
      })
      res.end()
      return
    }
    let body = ''
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')))
    req.on('end', () => {
      seen.push({ method: req.method, body, auth: req.headers.authorization })
      if (req.url === '/hang') return // never answers: the caller's timeout must end it
      res.writeHead(req.url === '/missing' ? 404 : 200, {
        'Content-Type': 'application/json',
        'X-Request-Id': 'req_42',
      })
      res.end(req.url === '/missing' ? '{"code":"not_found"}' : `{"echo":${JSON.stringify(body)}}`)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const closed = http.createServer()
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
  closedBase = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`
  await new Promise((resolve) => closed.close(resolve))
})

afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

beforeEach(() => {
  seen.length = 0
})

test('sends method, headers and body; answers with status, text body and lower-case headers', async () => {
  const response = await xhrRequest({
    url: `${base}/ok`,
    method: 'POST',
    header: { Authorization: 'Bearer t', 'Content-Type': 'application/json' },
    data: '{"amount":"1.00"}',
    timeout: 2000,
  })
  expect(seen).toEqual([{ method: 'POST', body: '{"amount":"1.00"}', auth: 'Bearer t' }])
  expect(response.statusCode).toBe(200)
  expect(response.data).toBe('{"echo":"{\\"amount\\":\\"1.00\\"}"}')
  expect(response.header).toMatchObject({
    'content-type': 'application/json',
    'x-request-id': 'req_42',
  })
})

test('an error status is an answer, not a failure', async () => {
  const response = await xhrRequest({
    url: `${base}/missing`,
    method: 'GET',
    header: {},
    timeout: 2000,
  })
  expect([response.statusCode, response.data]).toEqual([404, '{"code":"not_found"}'])
})

test('no answer within the timeout rejects with request:fail timeout', async () => {
  await expect(
    xhrRequest({ url: `${base}/hang`, method: 'GET', header: {}, timeout: 150 }),
  ).rejects.toEqual({ errMsg: 'request:fail timeout' })
  expect(seen).toHaveLength(1)
})

test('a refused connection rejects with a request:fail that is not a timeout', async () => {
  // jsdom reports the failed request on its console, as a browser's devtools would.
  const consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined)
  const failure = await xhrRequest({
    url: `${closedBase}/ok`,
    method: 'GET',
    header: {},
    timeout: 2000,
  }).catch((error: unknown) => error as { errMsg: string })
  expect(failure).toEqual({ errMsg: expect.stringMatching(/^request:fail /) })
  expect((failure as { errMsg: string }).errMsg).not.toMatch(/timeout|abort/i)
  expect(consoleError).toHaveBeenCalledTimes(1)
  consoleError.mockRestore()
})
