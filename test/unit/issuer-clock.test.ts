import { IssuerClock } from '@/issuer/client'

describe('IssuerClock', () => {
  const device = 1_800_000_000_000

  test('unmeasured, it is the device clock', () => {
    expect(new IssuerClock(() => device).now()).toBe(device)
  })

  test.each<[string, [number, number, number, number][], number]>([
    // issuer ms, sent at, received at, resolution -> skew
    [
      'a ms timestamp: the middle of the round trip',
      [[device + 5_100, device, device + 200, 0]],
      5_000,
    ],
    [
      'a Date header (1 s resolution)',
      [[device + 86_400_000, device, device + 200, 1000]],
      86_400_400,
    ],
    [
      'a finer estimate inside a coarser one is kept',
      [
        [device + 5_100, device, device + 200, 0],
        [device + 5_000, device + 1_000, device + 1_100, 1000],
      ],
      5_000,
    ],
    [
      'a clock that moved (advanced 2 days) replaces the estimate',
      [
        [device + 5_100, device, device + 200, 0],
        [device + 2 * 86_400_000 + 10_000, device + 10_000, device + 10_100, 1000],
      ],
      2 * 86_400_000 + 450,
    ],
    ['an unreadable Date is ignored', [[Number.NaN, device, device + 100, 1000]], 0],
  ])('%s', (_name, observations, skew) => {
    const clock = new IssuerClock(() => device)
    for (const [issuer, sent, received, resolution] of observations) {
      clock.observe(issuer, sent, received, resolution)
    }
    expect(clock.skewMs()).toBe(skew)
    expect(clock.now()).toBe(device + skew)
  })
})
