import '@/ui/stylesheets'

import { BillWidget } from '@/features/bill'

import { embeddedWidget } from '../embedded-widget'

/** `cardlet/bill/index`: the bill widget as a native component of a host's page. */
export default embeddedWidget({
  name: 'bill',
  cardElementId: 'bill-card',
  title: 'bill.title',
  render: () => <BillWidget />,
})
