import '@/ui/stylesheets'

import { PayCodeWidget } from '@/features/pay-code'
import { Screen } from '@/ui/screen/screen'

export default function PayCodePage() {
  return (
    <Screen title='paycode.title'>
      <PayCodeWidget />
    </Screen>
  )
}
