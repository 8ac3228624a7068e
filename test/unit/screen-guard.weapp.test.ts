// The WeChat screen guard against Taro's API surface stubbed at the unit's edge: each
// stub behaves like its wx.* counterpart (success/fail callbacks, listener sets).
import { createScreenGuard as createAlipayGuard } from '@/platform/screen-guard/index.alipay'
import { createScreenGuard } from '@/platform/screen-guard/index.weapp'
import { resetScreenHold } from '@/platform/screen-guard/mini'

import { createTaroStub, type StubOptions } from '../support/taro-stub'

jest.mock('@tarojs/taro', () => ({ __esModule: true, default: {} }))

const { fake, log, api, reset } = createTaroStub()
let listeners: Record<string, Set<(arg?: unknown) => void>>

function events(on: string, off: string) {
  listeners[on] = new Set()
  fake[on] = (cb: () => void) => {
    log.push(on)
    listeners[on]!.add(cb)
  }
  fake[off] = (cb: () => void) => {
    log.push(off)
    listeners[on]!.delete(cb)
  }
}

function emit(on: string, arg?: unknown) {
  for (const cb of listeners[on] ?? []) cb(arg)
}

// Brightness and keep-on are held device-wide across guards; each case starts released.
beforeEach(() => resetScreenHold())

function wechat(platform: 'android' | 'ios') {
  reset()
  listeners = {}
  fake.getDeviceInfo = () => ({ platform })
  api('getScreenBrightness', () => ({ value: 0.35 }))
  api('setScreenBrightness')
  api('setKeepScreenOn')
  api('setVisualEffectOnCapture')
  api('getScreenRecordingState', () => ({ state: 'off' }))
  events('onUserCaptureScreen', 'offUserCaptureScreen')
  events('onScreenRecordingStateChanged', 'offScreenRecordingStateChanged')
}

describe('WeChat screen guard', () => {
  test('two guards (home and pay-code page): the last leave restores the original brightness', async () => {
    wechat('android')
    const home = createScreenGuard()
    const page = createScreenGuard()
    await home.enter()
    // The pay-code page opens on top while the home page's widget is still mounted.
    await Promise.all([page.enter(), home.leave()])
    expect(log.filter((line) => line.startsWith('setScreenBrightness'))).toEqual([
      'setScreenBrightness {"value":1}',
    ])
    // Back to home: the page's leave restores, home's enter raises again from 0.35.
    await Promise.all([page.leave(), home.enter()])
    await home.leave()
    const held = [
      'setScreenBrightness {"value":1}',
      'setKeepScreenOn {"keepScreenOn":true}',
      'setKeepScreenOn {"keepScreenOn":false}',
      'setScreenBrightness {"value":0.35}',
    ]
    expect(log.filter((line) => /^(setScreenBrightness|setKeepScreenOn)/.test(line))).toEqual([
      ...held,
      ...held,
    ])
  })
  test('Android: brightness up, kept on, captures hidden; leave restores all of it', async () => {
    wechat('android')
    const guard = createScreenGuard()
    expect(guard.capabilities()).toEqual({
      brightness: true,
      keepOn: true,
      captureProtection: 'block',
    })
    const seen: unknown[] = []
    await expect(guard.enter((event) => seen.push(event))).resolves.toEqual({
      brightness: true,
      keepOn: true,
      captureProtection: 'block',
    })
    expect(log).toEqual([
      'getScreenBrightness {}',
      'setScreenBrightness {"value":1}',
      'setKeepScreenOn {"keepScreenOn":true}',
      'setVisualEffectOnCapture {"visualEffect":"hidden"}',
      'onUserCaptureScreen',
      'onScreenRecordingStateChanged',
      'getScreenRecordingState {}',
    ])

    emit('onUserCaptureScreen')
    emit('onScreenRecordingStateChanged', { state: 'start' })
    emit('onScreenRecordingStateChanged', { state: 'stop' })
    expect(seen).toEqual([
      { type: 'screenshot' },
      { type: 'recording', active: true },
      { type: 'recording', active: false },
    ])

    log.length = 0
    await guard.leave()
    expect(log).toEqual([
      'offUserCaptureScreen',
      'offScreenRecordingStateChanged',
      'setVisualEffectOnCapture {"visualEffect":"none"}',
      'setKeepScreenOn {"keepScreenOn":false}',
      'setScreenBrightness {"value":0.35}',
    ])
    expect(listeners.onUserCaptureScreen!.size).toBe(0)
    expect(listeners.onScreenRecordingStateChanged!.size).toBe(0)
    emit('onUserCaptureScreen')
    expect(seen).toHaveLength(3)
  })

  test('iOS: no capture hiding, captures only detected', async () => {
    wechat('ios')
    const guard = createScreenGuard()
    expect(guard.capabilities().captureProtection).toBe('detect')
    await expect(guard.enter()).resolves.toEqual({
      brightness: true,
      keepOn: true,
      captureProtection: 'detect',
    })
    expect(log.filter((line) => line.startsWith('setVisualEffectOnCapture'))).toEqual([])
    await guard.leave()
    expect(log.filter((line) => line.startsWith('setVisualEffectOnCapture'))).toEqual([])
  })

  test('a recording already running is reported as soon as the code shows', async () => {
    wechat('android')
    api('getScreenRecordingState', () => ({ state: 'on' }))
    const seen: unknown[] = []
    await createScreenGuard().enter((event) => seen.push(event))
    expect(seen).toEqual([{ type: 'recording', active: true }])
  })

  test('unreadable brightness is left alone, a failing keep-on is reported, nothing throws', async () => {
    wechat('android')
    api('getScreenBrightness', () => {
      throw new Error('no permission')
    })
    api('setKeepScreenOn', () => {
      throw new Error('not supported')
    })
    const guard = createScreenGuard()
    await expect(guard.enter()).resolves.toEqual({
      brightness: false,
      keepOn: false,
      captureProtection: 'block',
    })
    log.length = 0
    await guard.leave()
    expect(log).toEqual([
      'offUserCaptureScreen',
      'offScreenRecordingStateChanged',
      'setVisualEffectOnCapture {"visualEffect":"none"}',
    ])
  })

  test('an old base library without the newer APIs still keeps the screen on', async () => {
    wechat('android')
    delete fake.setVisualEffectOnCapture
    delete fake.onScreenRecordingStateChanged
    delete fake.offScreenRecordingStateChanged
    delete fake.getScreenRecordingState
    const guard = createScreenGuard()
    expect(guard.capabilities().captureProtection).toBe('detect')
    await expect(guard.enter()).resolves.toEqual({
      brightness: true,
      keepOn: true,
      captureProtection: 'detect',
    })
  })

  test('enter twice only swaps the handler; leave twice restores once', async () => {
    wechat('android')
    const guard = createScreenGuard()
    const first: unknown[] = []
    const second: unknown[] = []
    await guard.enter((event) => first.push(event))
    await guard.enter((event) => second.push(event))
    emit('onUserCaptureScreen')
    expect([first, second]).toEqual([[], [{ type: 'screenshot' }]])
    expect(log.filter((line) => line.startsWith('setScreenBrightness'))).toEqual([
      'setScreenBrightness {"value":1}',
    ])
    await Promise.all([guard.leave(), guard.leave()])
    expect(log.filter((line) => line.startsWith('setScreenBrightness'))).toEqual([
      'setScreenBrightness {"value":1}',
      'setScreenBrightness {"value":0.35}',
    ])
  })

  test('leave issued while enter is still pending undoes exactly what enter did', async () => {
    wechat('android')
    const guard = createScreenGuard()
    const entering = guard.enter()
    const leaving = guard.leave()
    await Promise.all([entering, leaving])
    expect(log.slice(-3)).toEqual([
      'setVisualEffectOnCapture {"visualEffect":"none"}',
      'setKeepScreenOn {"keepScreenOn":false}',
      'setScreenBrightness {"value":0.35}',
    ])
  })
})

describe('Alipay screen guard', () => {
  const global = globalThis as { my?: { call: (api: string, options: StubOptions) => void } }
  afterEach(() => {
    delete global.my
  })

  test('blocks through my.call("allowSystemSnapshot") when the client supports it', async () => {
    wechat('android')
    delete fake.onScreenRecordingStateChanged
    const calls: string[] = []
    global.my = {
      call: (name, { success, fail: _fail, ...args }) => {
        calls.push(`${name} ${JSON.stringify(args)}`)
        success?.({})
      },
    }
    const guard = createAlipayGuard()
    expect(guard.capabilities().captureProtection).toBe('detect')
    await expect(guard.enter()).resolves.toEqual({
      brightness: true,
      keepOn: true,
      captureProtection: 'block',
    })
    await guard.leave()
    expect(calls).toEqual([
      'allowSystemSnapshot {"allow":false}',
      'allowSystemSnapshot {"allow":true}',
    ])
  })

  test('falls back to detection when allowSystemSnapshot fails', async () => {
    wechat('ios')
    global.my = { call: (_name, { fail }) => fail?.({ error: 1 }) }
    await expect(createAlipayGuard().enter()).resolves.toEqual({
      brightness: true,
      keepOn: true,
      captureProtection: 'detect',
    })
  })
})
