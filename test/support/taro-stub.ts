import Taro from '@tarojs/taro'

/** What a stubbed API is called with: its options and the platform's callbacks. */
export type StubOptions = Record<string, unknown> & {
  success?: (r: unknown) => void
  fail?: (e: unknown) => void
}

/**
 * Taro's API surface stubbed at a unit's edge. The test file mocks `@tarojs/taro` to an
 * empty object first (`jest.mock('@tarojs/taro', () => ({ __esModule: true, default: {} }))`);
 * each `api` then behaves like its wx.* / my.* / jd.* counterpart: it logs its call
 * (without the callbacks) and answers `success` with `result(options)`, or `fail` when
 * that throws. `reset()` removes every stub and empties the log.
 */
export function createTaroStub() {
  const fake = Taro as unknown as Record<string, unknown>
  const log: string[] = []
  return {
    fake,
    log,
    api(name: string, result: (options: StubOptions) => unknown = () => ({})) {
      fake[name] = (options: StubOptions = {}) => {
        const { success, fail, ...args } = options
        log.push(`${name} ${JSON.stringify(args)}`)
        try {
          success?.(result(options))
        } catch (error) {
          fail?.({ errMsg: `${name}:fail ${(error as Error).message}` })
        }
      }
    },
    reset() {
      for (const key of Object.keys(fake)) delete fake[key]
      log.length = 0
    },
  }
}
