import './app.scss'

import type { PropsWithChildren } from 'react'

import { registerServiceWorker } from './platform/service-worker'
import { installTemplateState } from './platform/template-state'
import { startCardlet } from './start'

installTemplateState()
startCardlet()
registerServiceWorker()

// The automator agent exists only in the H5 test build; webpack drops this branch otherwise.
if (CARDLET_TEST_AGENT && process.env.TARO_ENV === 'h5') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a static import could not be dropped
  require('./testing/agent')
}

function App({ children }: PropsWithChildren) {
  return children
}

export default App
