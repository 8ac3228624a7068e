import type { Reminder, ReminderChannel } from '@contract'

import { type SubscribeDeps, subscribeOnce } from '@/features/bill/subscribe-reminder'

/** A card's reminders as the cache holds them, and every call made, in order. */
function fakeDeps(initial: Reminder[], afterReload?: Reminder[]) {
  let held = initial
  const calls: string[] = []
  const deps: SubscribeDeps = {
    held: () => held,
    reload: async () => {
      calls.push('reload')
      if (afterReload) held = afterReload
    },
    prompt: (request) => {
      calls.push(`prompt ${request.daysBefore} ${request.time}`)
      return Promise.resolve<ReminderChannel>('wechat')
    },
    create: async (channel, choice) => {
      calls.push(`create ${channel} ${choice.daysBefore} ${choice.time}`)
    },
    remove: async (id) => {
      calls.push(`remove ${id}`)
    },
  }
  return { deps, calls }
}

const reminder = (id: string, status: Reminder['status']): Reminder => ({
  id,
  card_id: 'card_1',
  channel: 'wechat',
  days_before: 5,
  time: '20:00',
  status,
  fires_at: '2026-12-13T12:00:00Z',
  created_at: '2026-11-22T02:00:00Z',
})

const REQUEST = { dueDate: '2026-12-18', today: '2026-12-05', title: 'Payment due' }
const CHOICE = { daysBefore: 3, time: '09:00' }

test('the prompt is asked for inside the tap, before anything is awaited', async () => {
  const { deps, calls } = fakeDeps([])
  const done = subscribeOnce(deps, REQUEST, CHOICE)
  // Synchronously, and before the issuer is asked: WeChat opens requestSubscribeMessage
  // only from the tap itself.
  expect(calls).toEqual(['prompt 3 09:00', 'reload'])
  await expect(done).resolves.toBe(true)
  expect(calls).toEqual(['prompt 3 09:00', 'reload', 'create wechat 3 09:00'])
})

test('a live reminder: no prompt, nothing created', async () => {
  const { deps, calls } = fakeDeps([reminder('rm_1', 'scheduled')])
  await expect(subscribeOnce(deps, REQUEST, CHOICE)).resolves.toBe(false)
  expect(calls).toEqual(['reload'])
})

test('a spent one-time reminder is removed, then renewed with its own days and time', async () => {
  const { deps, calls } = fakeDeps([reminder('rm_1', 'spent')])
  const done = subscribeOnce(deps, REQUEST, CHOICE)
  expect(calls).toEqual(['prompt 5 20:00', 'reload'])
  await expect(done).resolves.toBe(true)
  expect(calls).toEqual(['prompt 5 20:00', 'reload', 'remove rm_1', 'create wechat 5 20:00'])
})

test('another device set one meanwhile: the prompt’s answer is not used', async () => {
  const { deps, calls } = fakeDeps([], [reminder('rm_2', 'scheduled')])
  await expect(subscribeOnce(deps, REQUEST, CHOICE)).resolves.toBe(false)
  expect(calls).toEqual(['prompt 3 09:00', 'reload'])
})
