export { AccountControl, signOut } from './account-control'
