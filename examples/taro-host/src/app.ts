import { useLaunch } from '@tarojs/taro'
import type { PropsWithChildren } from 'react'

// The copied-in `cardlet/` folder is not part of this build: required at run time.
declare const __non_webpack_require__: (path: string) => {
  configure(options: { issuerBaseUrl: string }): void
}

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    __non_webpack_require__('./cardlet/host.js').configure({
      issuerBaseUrl: 'http://127.0.0.1:4010',
    })
  })
  return children
}

export default App
