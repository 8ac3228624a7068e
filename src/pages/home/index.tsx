import '@/ui/stylesheets'

import { AccountControl } from '@/features/account'
import { BalanceWidget } from '@/features/balance'
import { BillWidget } from '@/features/bill'
import { PayCodeWidget } from '@/features/pay-code'
import { Screen } from '@/ui/screen/screen'

export default function HomePage() {
  return (
    <Screen title='app.title'>
      <BalanceWidget />
      {/* The card's lock is Balance's here: one `#card-lock` on the page. */}
      <PayCodeWidget lockControl={false} />
      <BillWidget />
      <AccountControl />
    </Screen>
  )
}
