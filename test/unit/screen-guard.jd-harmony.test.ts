// The JD and harmony-hybrid screen guards against Taro's API surface stubbed at the
// unit's edge: each stub behaves like its jd.* / bridged counterpart (success/fail
// callbacks, listener sets); `silent` ones never call back, as a container without
// that method does.
import Taro from '@tarojs/taro'

import { callNative } from '@/platform/harmony-bridge'
import {
  createScreenGuard as createHarmonyGuard,
  resetScreenHold as resetHarmonyHold,
} from '@/platform/screen-guard/index.harmony-hybrid'
import { createScreenGuard as createJdGuard } from '@/platform/screen-guard/index.jd'

import { createTaroStub, type StubOptions } from '../support/taro-stub'

jest.mock('@tarojs/taro', () => ({ __esModule: true, default: {} }))

const { fake, log, api, reset } = createTaroStub()
let listeners: Set<(arg?: unknown) => void>

function silent(name: string) {
  fake[name] = (options: StubOptions = {}) => {
    const { success: _s, fail: _f, ...args } = options
    log.push(`${name} ${JSON.stringify(args)}`)
  }
}

function host() {
  reset()
  listeners = new Set()
  api('getScreenBrightness', () => ({ value: 0.35 }))
  api('setScreenBrightness')
  api('setKeepScreenOn')
  fake.onUserCaptureScreen = (cb: () => void) => {
    log.push('onUserCaptureScreen')
    listeners.add(cb)
  }
  fake.offUserCaptureScreen = (cb: () => void) => {
    log.push('offUserCaptureScreen')
    listeners.delete(cb)
  }
}

const bridge = window as unknown as { MethodChannel?: unknown }

afterEach(() => {
  delete bridge.MethodChannel
  jest.useRealTimers()
})

describe('JD screen guard', () => {
  test('brightness up and kept on through jd.*, screenshots detected; leave restores', async () => {
    host()
    const guard = createJdGuard()
    expect(guard.capabilities()).toEqual({
      brightness: true,
      keepOn: true,
      captureProtection: 'detect',
    })
    const seen: unknown[] = []
    await expect(guard.enter((event) => seen.push(event))).resolves.toEqual({
      brightness: true,
      keepOn: true,
      captureProtection: 'detect',
    })
    expect(log).toEqual([
      'getScreenBrightness {}',
      'setScreenBrightness {"value":1}',
      'setKeepScreenOn {"keepScreenOn":true}',
      'onUserCaptureScreen',
    ])
    for (const cb of listeners) cb()
    expect(seen).toEqual([{ type: 'screenshot' }])
    log.length = 0
    await guard.leave()
    expect(log).toEqual([
      'offUserCaptureScreen',
      'setKeepScreenOn {"keepScreenOn":false}',
      'setScreenBrightness {"value":0.35}',
    ])
  })
})

describe('harmony-hybrid bridge and screen guard', () => {
  // The device hold is shared by every guard; each case starts released.
  beforeEach(() => resetHarmonyHold())

  test('without window.MethodChannel a bridged call is refused at once', async () => {
    host()
    await expect(
      callNative('setKeepScreenOn', (cb) => Taro.setKeepScreenOn({ keepScreenOn: true, ...cb })),
    ).rejects.toThrow('setKeepScreenOn: no native bridge')
    expect(log).toEqual([])
  })

  test('a bridged call the container never answers fails after its timeout', async () => {
    host()
    bridge.MethodChannel = { jsBridgeMode: () => () => undefined }
    silent('setKeepScreenOn')
    jest.useFakeTimers()
    const call = callNative(
      'setKeepScreenOn',
      (cb) => Taro.setKeepScreenOn({ keepScreenOn: true, ...cb }),
      3_000,
    )
    const settled = jest.fn()
    call.then(settled, settled)
    await jest.advanceTimersByTimeAsync(2_999)
    expect(settled).not.toHaveBeenCalled()
    await jest.advanceTimersByTimeAsync(1)
    await expect(call).rejects.toThrow('setKeepScreenOn: no answer from the container')
  })

  test('in a container: brightness, keep-on and screenshots through the bridge; leave restores', async () => {
    host()
    bridge.MethodChannel = { jsBridgeMode: () => () => undefined }
    const guard = createHarmonyGuard()
    expect(guard.capabilities()).toEqual({
      brightness: true,
      keepOn: true,
      captureProtection: 'detect',
    })
    const seen: unknown[] = []
    await expect(guard.enter((event) => seen.push(event))).resolves.toEqual({
      brightness: true,
      keepOn: true,
      captureProtection: 'detect',
    })
    for (const cb of listeners) cb()
    expect(seen).toEqual([{ type: 'screenshot' }])
    await guard.leave()
    expect(log).toEqual([
      'getScreenBrightness {}',
      'setScreenBrightness {"value":1}',
      'setKeepScreenOn {"keepScreenOn":true}',
      'onUserCaptureScreen',
      'offUserCaptureScreen',
      'setKeepScreenOn {"keepScreenOn":false}',
      'setScreenBrightness {"value":0.35}',
    ])
  })

  test('outside a container it is the web guard: nothing bridged, the standing warning', async () => {
    host()
    const guard = createHarmonyGuard()
    expect(guard.capabilities()).toEqual({
      brightness: false,
      keepOn: false,
      captureProtection: 'none',
    })
    await expect(guard.enter()).resolves.toEqual({
      brightness: false,
      keepOn: false,
      captureProtection: 'none',
    })
    await guard.leave()
    expect(log).toEqual([])
  })
})
