import type { PropsWithChildren } from 'react'
import './app.scss'

// The app shell: pages carry their own state; the session lives in storage (services/session.ts).
function App({ children }: PropsWithChildren) {
  return children
}

export default App
