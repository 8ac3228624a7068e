import '@/ui/stylesheets'

import { BalanceWidget } from '@/features/balance'
import { Screen } from '@/ui/screen/screen'

export default function BalancePage() {
  return (
    <Screen title='balance.title'>
      <BalanceWidget />
    </Screen>
  )
}
