// The Alipay secure store against Taro's storage API stubbed at the unit's edge, each
// stub behaving like its my.* counterpart (a missing key fails, as my.getStorage does
// with no data).
import Taro from '@tarojs/taro'

import { secureStore } from '@/platform/storage/index.alipay'

jest.mock('@tarojs/taro', () => ({ __esModule: true, default: {} }))

const fake = Taro as unknown as Record<string, unknown>
const kept = new Map<string, unknown>()
const calls: string[] = []

beforeEach(() => {
  kept.clear()
  calls.length = 0
  fake.setStorage = async ({ key, data }: { key: string; data: unknown }) => {
    calls.push(`setStorage ${key}`)
    kept.set(key, data)
  }
  fake.getStorage = async ({ key }: { key: string }) => {
    calls.push(`getStorage ${key}`)
    if (!kept.has(key)) throw { errMsg: 'getStorage:fail data not found' }
    return { data: kept.get(key) }
  }
  fake.removeStorage = async ({ key }: { key: string }) => {
    calls.push(`removeStorage ${key}`)
    kept.delete(key)
  }
})

test('keeps values in the mini-program storage (my.setStorage), not in memory', async () => {
  await secureStore.set('cardlet.session.refresh', 'r1')
  expect(kept.get('cardlet.session.refresh')).toBe('r1')
  await expect(secureStore.get('cardlet.session.refresh')).resolves.toBe('r1')
  await secureStore.remove('cardlet.session.refresh')
  await expect(secureStore.get('cardlet.session.refresh')).resolves.toBeUndefined()
  expect(calls).toEqual([
    'setStorage cardlet.session.refresh',
    'getStorage cardlet.session.refresh',
    'removeStorage cardlet.session.refresh',
    'getStorage cardlet.session.refresh',
  ])
})

test('a missing key or a value that is not a string reads as absent', async () => {
  await expect(secureStore.get('nothing')).resolves.toBeUndefined()
  kept.set('odd', { not: 'a string' })
  await expect(secureStore.get('odd')).resolves.toBeUndefined()
})
