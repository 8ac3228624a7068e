import type { PropsWithChildren } from 'react'

// The floor: a bare Taro + React + NutUI app (its page: pages/index), built in the same
// run as Cardlet to compare with.
function App({ children }: PropsWithChildren) {
  return children
}

export default App
