import { checkHostOptions } from '@/embed/host-options'
import { readWidgetProps } from '@/embed/widget-props'

describe('readWidgetProps: what a host sets on a widget', () => {
  test.each([
    [undefined, {}, []],
    [null, {}, []],
    [
      { cardId: 'card_1', locale: 'en-US', theme: 'dark', masked: true, frame: 'watch-round-l' },
      { cardId: 'card_1', locale: 'en-US', theme: 'dark', masked: true, frame: 'watch-round-l' },
      [],
    ],
    ['card_1', {}, ['props must be an object, got string']],
    [['card_1'], {}, ['props must be an object, got an array']],
    [
      { cardId: 'card_1', locale: 'fr-FR', masked: 'yes' },
      { cardId: 'card_1' },
      [
        'props.locale: Invalid type: Expected ("zh-CN" | "en-US") but received "fr-FR"',
        'props.masked: Invalid type: Expected boolean but received "yes"',
      ],
    ],
    [{ cardId: '' }, {}, ['props.cardId: Invalid length: Expected >=1 but received 0']],
    [{ colour: 'red' }, {}, ['props.colour is not a widget property']],
    [{ theme: 'auto', frame: null }, { theme: 'auto' }, []],
  ])('%j', (input, props, problems) => {
    expect(readWidgetProps(input)).toEqual({ props, problems })
  })
})

describe('checkHostOptions: configure() from the host', () => {
  const getAccessToken = () => 'token'

  test('an origin and the host session', () => {
    expect(
      checkHostOptions({
        issuerBaseUrl: 'https://api.bank.example',
        session: { mode: 'host', getAccessToken, timeoutMs: 3000 },
      }),
    ).toEqual({
      ok: true,
      options: {
        issuerBaseUrl: 'https://api.bank.example',
        session: { mode: 'host', getAccessToken, timeoutMs: 3000 },
      },
    })
  })

  test.each([
    [
      {},
      'cardlet configure(): issuerBaseUrl: Invalid key: Expected "issuerBaseUrl" but received undefined',
    ],
    [
      { issuerBaseUrl: 'https://api.bank.example/v1' },
      'cardlet configure(): issuerBaseUrl: an http(s) origin',
    ],
    [
      { issuerBaseUrl: 'http://127.0.0.1:4010', session: { mode: 'host' } },
      'cardlet configure(): session.getAccessToken: Invalid key: Expected "getAccessToken" but received undefined',
    ],
  ])('%j is refused, naming the field', (input, message) => {
    expect(checkHostOptions(input)).toEqual({ ok: false, message })
  })
})
