import './index.scss'

import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'

import { FRAMES } from '@/lib/frame'
import { translate } from '@/lib/i18n'

const WIDGET_PAGES = [
  { id: 'balance', path: 'pages/balance/index' },
  { id: 'pay-code', path: 'pages/pay-code/index' },
  { id: 'bill', path: 'pages/bill/index' },
] as const

/**
 * H5-only frame gallery: every widget page in every frame, each in an iframe of the
 * frame's exact CSS size (round frames clipped to a circle). The iframe URL opens
 * that single frame full-size for screenshots and device previews.
 */
export default function PreviewPage() {
  const { params } = useRouter()
  const query = ['theme', 'lang']
    .filter((key) => params[key])
    .map((key) => `&${key}=${encodeURIComponent(params[key] ?? '')}`)
    .join('')
  const base = typeof window === 'undefined' ? '' : window.location.pathname
  return (
    <View className='cl-preview' id='preview-gallery'>
      <Text className='cl-preview__title'>{translate('en-US', 'preview.title')}</Text>
      {WIDGET_PAGES.map((widget) => (
        <View key={widget.id} className='cl-preview__row'>
          {FRAMES.map((frame) => (
            <View
              key={frame.id}
              id={`preview-${widget.id}-${frame.id}`}
              className='cl-preview__cell'
            >
              <Text className='cl-preview__label'>
                {widget.id} · {frame.id} · {frame.width}×{frame.height}
              </Text>
              <iframe
                title={`${widget.id} ${frame.id}`}
                src={`${base}#/${widget.path}?frame=${frame.id}${query}`}
                width={frame.width}
                height={frame.height}
                className={`cl-preview__frame cl-preview__frame--${frame.shape}`}
              />
            </View>
          ))}
        </View>
      ))}
    </View>
  )
}
