import { ENDPOINTS } from '@contract'
import type { FastifyInstance } from 'fastify'
import { type Browser, chromium } from 'playwright-core'

import { buildSandbox } from '../../sandbox/app'

// Self-contained on purpose: the sandbox alone (no H5 build) and Debian's chromium.
let app: FastifyInstance
let base: string
let browser: Browser

beforeAll(async () => {
  app = await buildSandbox()
  await app.listen({ host: '127.0.0.1', port: 0 })
  const address = app.server.address()
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  })
})

afterAll(async () => {
  await browser?.close()
  await app?.close()
})

test('/docs renders every operation with Swagger UI, from this origin only, trying out against it', async () => {
  const page = await browser.newPage()
  const fetched: string[] = []
  page.on('request', (request) => fetched.push(request.url()))
  await page.goto(`${base}/docs`)

  const createPayCode = ENDPOINTS.find((e) => e.id === 'createPayCode')!
  const operation = page.locator('#operations-pay-codes-createPayCode')
  await operation.getByText(createPayCode.summary).waitFor()
  for (const e of ENDPOINTS) {
    const block = page.locator(`#operations-${e.tag}-${e.id}`)
    await expect(block.locator('.opblock-summary-path').getAttribute('data-path')).resolves.toBe(
      e.path,
    )
  }

  // An operation opens with its parameters, and "Try it out" targets this sandbox.
  const repayment = page.locator('#operations-repayments-createRepayment')
  await repayment.locator('.opblock-summary').click()
  await repayment.locator('.parameter__name', { hasText: /^Idempotency-Key/ }).waitFor()
  await expect(page.locator('.servers select').inputValue()).resolves.toBe(base)

  // Swagger UI's assets come from the npm package, served here: nothing from elsewhere.
  expect(fetched.filter((url) => /^https?:/.test(url) && !url.startsWith(`${base}/`))).toEqual([])
  expect(fetched).toContain(`${base}/docs/json`)
  await page.close()
})
