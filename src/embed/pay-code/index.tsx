import { PayCodeWidget } from '@/features/pay-code'

import { asNativeComponent, EmbeddedWidget, type NativeRootProps } from '../embedded-widget'

/** `cardlet/pay-code/index`: the pay-code widget as a native component of a host's page. */
function EmbeddedPayCode({ $scope }: NativeRootProps) {
  return (
    <EmbeddedWidget
      $scope={$scope}
      name='pay-code'
      cardElementId='paycode-card'
      title='paycode.title'
      render={() => <PayCodeWidget />}
    />
  )
}

export default asNativeComponent(EmbeddedPayCode)
