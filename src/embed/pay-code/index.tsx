import '@/ui/stylesheets'

import { PayCodeWidget } from '@/features/pay-code'

import { embeddedWidget } from '../embedded-widget'

/** `cardlet/pay-code/index`: the pay-code widget as a native component of a host's page. */
export default embeddedWidget({
  name: 'pay-code',
  cardElementId: 'paycode-card',
  title: 'paycode.title',
  render: () => <PayCodeWidget />,
})
