import '@/ui/stylesheets'

import { BillWidget } from '@/features/bill'
import { Screen } from '@/ui/screen/screen'

export default function BillPage() {
  return (
    <Screen title='bill.title'>
      <BillWidget />
    </Screen>
  )
}
