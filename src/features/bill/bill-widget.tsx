import { View } from '@tarojs/components'

import { useScreenContext } from '@/ui/screen'
import { WidgetCard } from '@/ui/widget-card'

/** Bill reminder widget (placeholder shell: the ids QA relies on, no data yet). */
export function BillWidget() {
  const { t } = useScreenContext()
  return (
    <WidgetCard id='bill-card' title={t('bill.title')} status='loading'>
      <View id='bill-statement-amount'>{t('bill.statementAmount')}</View>
      <View id='bill-minimum-due'>{t('bill.minimumDue')}</View>
      <View id='bill-due-date'>{t('bill.dueDate')}</View>
      <View id='bill-days-left' />
      <View id='bill-status' data-status='loading' />
      <View id='bill-repay-full' aria-label={t('bill.repayFull')} />
      <View id='bill-repay-minimum' aria-label={t('bill.repayMinimum')} />
      <View id='bill-remind' aria-label={t('bill.remind')} />
    </WidgetCard>
  )
}
