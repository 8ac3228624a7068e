import { BalanceWidget } from '@/features/balance'

import { asNativeComponent, EmbeddedWidget, type NativeRootProps } from '../embedded-widget'

/** `cardlet/balance/index`: the balance widget as a native component of a host's page. */
function EmbeddedBalance({ $scope }: NativeRootProps) {
  return (
    <EmbeddedWidget
      $scope={$scope}
      name='balance'
      cardElementId='balance-card'
      title='balance.title'
      render={(props) => <BalanceWidget masked={props.masked} />}
    />
  )
}

export default asNativeComponent(EmbeddedBalance)
