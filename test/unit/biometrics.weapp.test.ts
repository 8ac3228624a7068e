// WeChat SOTER against Taro's API surface stubbed at the unit's edge: each stub answers
// like its wx.* counterpart (success/fail callbacks).
import { biometricProof, biometricsSupported } from '@/platform/biometrics/index.weapp'

import { createTaroStub } from '../support/taro-stub'

jest.mock('@tarojs/taro', () => ({ __esModule: true, default: {} }))

const { log, api, reset } = createTaroStub()

beforeEach(reset)

test('a device with an enrolled face signs the challenge with it', async () => {
  api('checkIsSupportSoterAuthentication', () => ({ supportMode: ['fingerPrint', 'facial'] }))
  api('checkIsSoterEnrolledInDevice', (o) => ({ isEnrolled: o.checkAuthMode === 'facial' }))
  api('startSoterAuthentication', () => ({
    resultJSON: '{"raw":"c0ffee"}',
    resultJSONSignature: 'sig==',
  }))
  await expect(biometricsSupported()).resolves.toBe(true)
  log.length = 0
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
