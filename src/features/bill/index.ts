export { BillWidget } from './bill-widget'
