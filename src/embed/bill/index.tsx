import { BillWidget } from '@/features/bill'

import { asNativeComponent, EmbeddedWidget, type NativeRootProps } from '../embedded-widget'

/** `cardlet/bill/index`: the bill widget as a native component of a host's page. */
function EmbeddedBill({ $scope }: NativeRootProps) {
  return (
    <EmbeddedWidget
      $scope={$scope}
      name='bill'
      cardElementId='bill-card'
      title='bill.title'
      render={() => <BillWidget />}
    />
  )
}

export default asNativeComponent(EmbeddedBill)
