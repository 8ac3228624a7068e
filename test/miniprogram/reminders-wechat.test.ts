import type { Reminder } from '@contract'

import { advanceClock, sandboxNow } from '../support/sandbox-controls'
import {
  launch,
  REMINDER_TEMPLATE_ID,
  setupIssuer,
  status,
  textOf,
  WEAPP_REMINDERS_DIST,
} from './support'

/**
 * WeChat reminders as WeChat allows them, in a WeChat build with a template id: the
 * subscribe prompt opens only from the tap itself (the harness refuses a call made after
 * an await, as WeChat does), one accepted message is one message: once sent, the button
 * says the reminder needs renewing, and a tap asks again.
 */
const issuer = setupIssuer({ resetAfterEach: true })

test('weapp: subscribe inside the tap; once the message is sent, renew with another tap', async () => {
  const api = issuer.current.api('good')
  const cardId = await api.firstCardId()
  // A fresh session each read: the clock jump below outlives an access token.
  const reminders = async () =>
    (await issuer.current.api('good').get<{ data: Reminder[] }>(`/v1/cards/${cardId}/reminders`))
      .data
  const run = await launch(issuer.current, 'bill', {
    distDir: WEAPP_REMINDERS_DIST,
    query: { lang: 'en-US' },
  })
  await status(run, 'bill-card', 'ready')
  await run.query('#bill-remind')!.tap()
  await status(run, 'bill-remind', 'subscribed')
  const prompts = () => run.calls.filter((c) => c.name === 'requestSubscribeMessage')
  expect(prompts()).toEqual([
    expect.objectContaining({ options: { tmplIds: [REMINDER_TEMPLATE_ID] }, outcome: 'ok' }),
  ])
  const [first] = await reminders()
  expect(first).toMatchObject({ channel: 'wechat', days_before: 3, time: '09:00' })

  // The sandbox clock passes the reminder's moment: WeChat's one message is sent.
  const now = await sandboxNow(api.base)
  const seconds = Math.ceil((Date.parse(first!.fires_at!) - now) / 1000) + 60
  await advanceClock(api.base, seconds)
  expect(run.pullDownRefresh()).toBe(true)
  await status(run, 'bill-remind', 'renew')
  await textOf(run, '#bill-remind', 'Reminder sent: tap to renew')
  await status(run, 'bill-reminder-item', 'spent')

  // A tap asks again, inside the tap; the new reminder replaces the spent one.
  await run.query('#bill-remind')!.tap()
  await status(run, 'bill-remind', 'subscribed')
  expect(prompts().map((c) => c.outcome)).toEqual(['ok', 'ok'])
  const after = await reminders()
  expect(after).toHaveLength(1)
  expect(after[0]).toMatchObject({ channel: 'wechat', days_before: 3, time: '09:00' })
  expect(after[0]!.id).not.toBe(first!.id)
  // This bill's message was sent already: the renewal waits for the next statement.
  expect(after[0]!.status).toBe('scheduled')
})
