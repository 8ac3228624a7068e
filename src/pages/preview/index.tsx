import '@/ui/stylesheets'
import './index.scss'

import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'

import { FRAMES } from '@/lib/frame'
import { translate } from '@/lib/i18n'
import { setPageTitle } from '@/platform/page-title'

const WIDGET_PAGES = [
  { id: 'balance', path: 'pages/balance/index' },
  { id: 'pay-code', path: 'pages/pay-code/index' },
  { id: 'bill', path: 'pages/bill/index' },
] as const

/** Gallery controls, each passed on to every frame's page URL. */
const CONTROLS = [
  { key: 'persona', values: ['good', 'overdue', 'maxed', 'no-statement', 'multi-card'] },
  { key: 'lang', values: ['auto', 'zh-CN', 'en-US'] },
  { key: 'theme', values: ['auto', 'dark', 'light'] },
  { key: 'masked', values: ['auto', '1', '0'] },
] as const

/**
 * H5-only frame gallery: every widget page in every frame, each in an iframe of the
 * frame's exact CSS size (round frames clipped to a circle). A frame's own URL (its
 * link) opens it full-size for screenshots and device previews. `?only=<widget>` or
 * `?frames=<id,id>` narrows the gallery.
 */
export default function PreviewPage() {
  const { params } = useRouter()
  useDidShow(() => setPageTitle(translate('en-US', 'preview.title')))
  const chosen = (key: string) => params[key] ?? 'auto'
  const query = CONTROLS.map(({ key }) => [key, chosen(key)] as const)
    .filter(([key, value]) => value !== 'auto' || key === 'persona')
    .map(
      ([key, value]) =>
        `&${key}=${encodeURIComponent(key === 'persona' && value === 'auto' ? 'good' : value)}`,
    )
    .join('')
  const base = typeof window === 'undefined' ? '' : window.location.pathname
  const widgets = WIDGET_PAGES.filter((w) => !params.only || params.only === w.id)
  const frames = FRAMES.filter((f) => !params.frames || params.frames.split(',').includes(f.id))

  const setControl = (key: string, value: string) => {
    const next = { ...params, [key]: value }
    const search = Object.entries(next)
      .filter(([k, v]) => v && k !== '$taroTimestamp' && !(v === 'auto' && k !== 'persona'))
      .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
      .join('&')
    void Taro.redirectTo({ url: `/pages/preview/index?${search}` })
  }

  return (
    <View className='cl-preview' id='preview-gallery'>
      <Text className='cl-preview__title'>{translate('en-US', 'preview.title')}</Text>
      <View className='cl-preview__controls'>
        {CONTROLS.map(({ key, values }) => (
          <label key={key} className='cl-preview__control'>
            {key}{' '}
            <select
              id={`preview-control-${key}`}
              value={chosen(key) === 'auto' && key === 'persona' ? 'good' : chosen(key)}
              onChange={(event) => setControl(key, event.target.value)}
            >
              {values.map((value) => (
                <option key={value} value={value}>
                  {value}
                </option>
              ))}
            </select>
          </label>
        ))}
      </View>
      {widgets.map((widget) => (
        <View key={widget.id} className='cl-preview__row'>
          {frames.map((frame) => {
            const src = `${base}#/${widget.path}?frame=${frame.id}${query}`
            return (
              <View
                key={frame.id}
                id={`preview-${widget.id}-${frame.id}`}
                className='cl-preview__cell'
              >
                <a className='cl-preview__label' href={src} target='_blank' rel='noreferrer'>
                  {widget.id} · {frame.id} · {frame.width}×{frame.height}
                </a>
                <iframe
                  title={`${widget.id} ${frame.id}`}
                  src={src}
                  width={frame.width}
                  height={frame.height}
                  className={`cl-preview__frame cl-preview__frame--${frame.shape}`}
                />
              </View>
            )
          })}
        </View>
      ))}
    </View>
  )
}
