import { Text, View } from '@tarojs/components'

import { useScreenContext } from '@/ui/screen'
import { WidgetCard } from '@/ui/widget-card'

/** Balance widget (placeholder shell: the ids QA relies on, no data yet). */
export function BalanceWidget() {
  const { t } = useScreenContext()
  return (
    <WidgetCard id='balance-card' title={t('balance.title')} status='loading'>
      <Text id='balance-available' className='cl-figure'>
        —
      </Text>
      <View id='balance-limit'>{t('balance.limit')}</View>
      <View id='balance-current'>{t('balance.current')}</View>
      <View id='balance-updated-at' />
      <View id='balance-mask-toggle' aria-label={t('balance.mask.show')} />
      <View id='balance-refresh' aria-label={t('balance.refresh')} />
    </WidgetCard>
  )
}
