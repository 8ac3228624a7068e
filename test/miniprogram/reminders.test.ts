import type { Reminder } from '@contract'

import { launch, setupIssuer, status, TARGETS, textOf } from './support'

/**
 * Reminders in the production mini-program builds against a sandbox issuer over HTTP:
 * the "Remind me" state read from the issuer, one subscription however often it is
 * tapped, and cancel from the bill page's list.
 */
const issuer = setupIssuer({ resetAfterEach: true })

describe.each(TARGETS)('%s', (target) => {
  const reminders = async (cardId: string) =>
    (await issuer.current.api('good').get<{ data: Reminder[] }>(`/v1/cards/${cardId}/reminders`))
      .data

  test('a reminder the issuer holds: the button says what is set, a tap adds none, cancel removes it', async () => {
    const api = issuer.current.api('good')
    const cardId = await api.firstCardId()
    await api.post(`/v1/cards/${cardId}/reminders`, {
      channel: 'in_app',
      days_before: 5,
      time: '20:00',
    })
    const run = await launch(issuer.current, 'bill', { target })
    await status(run, 'bill-card', 'ready')
    await status(run, 'bill-remind', 'subscribed')
    await textOf(run, '#bill-remind', '已设提醒：提前 5 天 20:00')
    await status(run, 'bill-reminder-item', 'scheduled')
    expect(run.queryAll('#bill-reminder-item')).toHaveLength(1)
    expect(run.query('#bill-remind-days')).toBeNull()

    await run.query('#bill-remind')!.tap()
    await status(run, 'bill-remind', 'subscribed')
    expect(await reminders(cardId)).toHaveLength(1)

    await run.query('#bill-reminder-cancel')!.tap()
    await status(run, 'bill-remind', 'none')
    expect(run.queryAll('#bill-reminder-item')).toHaveLength(0)
    expect(await reminders(cardId)).toEqual([])
  })

  test('no template id in the build: "Remind me" subscribes in-app once, with no prompt', async () => {
    const cardId = await issuer.current.api('good').firstCardId()
    const run = await launch(issuer.current, 'bill', { target })
    await status(run, 'bill-remind', 'none')
    await textOf(run, '#bill-remind-days', '3 天')
    await run.query('#bill-remind-days-more')!.tap()
    await textOf(run, '#bill-remind-days', '4 天')
    await run.query('#bill-remind')!.tap()
    await status(run, 'bill-remind', 'subscribed')
    await status(run, 'bill-reminder-item', 'scheduled')
    await run.query('#bill-remind')!.tap()
    await status(run, 'bill-remind', 'subscribed')
    expect(await reminders(cardId)).toEqual([
      expect.objectContaining({ channel: 'in_app', days_before: 4, time: '09:00' }),
    ])
    const platform = run.calls.map((c) => c.name)
    expect(platform).not.toContain('requestSubscribeMessage')
    expect(platform).not.toContain('addPhoneRepeatCalendar')
  })
})
