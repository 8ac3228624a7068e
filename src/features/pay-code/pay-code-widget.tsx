import { View } from '@tarojs/components'

import { useScreenContext } from '@/ui/screen'
import { WidgetCard } from '@/ui/widget-card'

/** Pay code widget (placeholder shell: the ids QA relies on, no code yet). */
export function PayCodeWidget() {
  const { t } = useScreenContext()
  return (
    <WidgetCard id='paycode-card' title={t('paycode.title')} status='loading'>
      <View id='paycode-qr' aria-label={t('paycode.qr')} />
      <View id='paycode-barcode' aria-label={t('paycode.barcode')} />
      <View id='paycode-digits' />
      <View id='paycode-reveal' aria-label={t('paycode.reveal')} />
      <View id='paycode-countdown' />
      <View id='paycode-refresh' aria-label={t('paycode.refresh')} />
      <View id='paycode-result' data-status='none' />
    </WidgetCard>
  )
}
