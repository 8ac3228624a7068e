import '@/ui/stylesheets'

import { BalanceWidget } from '@/features/balance'

import { embeddedWidget } from '../embedded-widget'

/** `cardlet/balance/index`: the balance widget as a native component of a host's page. */
export default embeddedWidget({
  name: 'balance',
  cardElementId: 'balance-card',
  title: 'balance.title',
  render: (props) => <BalanceWidget masked={props.masked} />,
})
