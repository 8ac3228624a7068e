// WeChat SOTER against Taro's API surface stubbed at the unit's edge: each stub answers
// like its wx.* counterpart (success/fail callbacks).
import Taro from '@tarojs/taro'

import { biometricProof, biometricsSupported } from '@/platform/biometrics/index.weapp'

jest.mock('@tarojs/taro', () => ({ __esModule: true, default: {} }))

type Options = Record<string, unknown> & {
  success?: (r: unknown) => void
  fail?: (e: unknown) => void
}

const fake = Taro as unknown as Record<string, unknown>
let log: string[]

function api(name: string, result: (options: Options) => unknown) {
  fake[name] = (options: Options = {}) => {
    const { success, fail, ...args } = options
    log.push(`${name} ${JSON.stringify(args)}`)
    try {
      success?.(result(options))
    } catch (error) {
      fail?.({ errMsg: `${name}:fail ${(error as Error).message}` })
    }
  }
}

beforeEach(() => {
  log = []
  for (const key of Object.keys(fake)) delete fake[key]
})

test('a device with an enrolled face signs the challenge with it', async () => {
  api('checkIsSupportSoterAuthentication', () => ({ supportMode: ['fingerPrint', 'facial'] }))
  api('checkIsSoterEnrolledInDevice', (o) => ({ isEnrolled: o.checkAuthMode === 'facial' }))
  api('startSoterAuthentication', () => ({
    resultJSON: '{"raw":"c0ffee"}',
    resultJSONSignature: 'sig==',
  }))
  await expect(biometricsSupported()).resolves.toBe(true)
  log = []
  await expect(biometricProof('c0ffee', 'Payment PIN')).resolves.toEqual({
    result_json: '{"raw":"c0ffee"}',
    result_json_signature: 'sig==',
  })
  expect(log).toEqual([
    'checkIsSupportSoterAuthentication {}',
    'checkIsSoterEnrolledInDevice {"checkAuthMode":"fingerPrint"}',
    'checkIsSoterEnrolledInDevice {"checkAuthMode":"facial"}',
    'startSoterAuthentication {"requestAuthModes":["facial"],"challenge":"c0ffee","authContent":"Payment PIN"}',
  ])
})

test('no SOTER (an old base library, nothing enrolled): the PIN serves', async () => {
  await expect(biometricsSupported()).resolves.toBe(false)
  api('checkIsSupportSoterAuthentication', () => ({ supportMode: ['fingerPrint'] }))
  api('checkIsSoterEnrolledInDevice', () => ({ isEnrolled: false }))
  await expect(biometricsSupported()).resolves.toBe(false)
  await expect(biometricProof('c0ffee', 'PIN')).rejects.toThrow('no enrolled SOTER mode')
})
