import { BalanceWidget } from '@/features/balance'
import { Screen } from '@/ui/screen'

export default function BalancePage() {
  return (
    <Screen>
      <BalanceWidget />
    </Screen>
  )
}
