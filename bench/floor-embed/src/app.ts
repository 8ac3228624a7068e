import type { PropsWithChildren } from 'react'

// Taro's native-components mode needs an app entry beside app.config.ts, then drops it.
function App({ children }: PropsWithChildren) {
  return children
}

export default App
