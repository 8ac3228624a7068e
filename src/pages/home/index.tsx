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
      {/* The card's lock is Balance's here (one `#card-lock` on the page), and the PIN pad
          waits for a tap: the cardholder may have come for another widget. */}
      <PayCodeWidget lockControl={false} promptAtOnce={false} />
      <BillWidget />
      <AccountControl />
    </Screen>
  )
}
