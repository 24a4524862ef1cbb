import type { PropsWithChildren } from 'react'
import { useLaunch } from '@tarojs/taro'
import { watchNetwork } from './services/duty-queue'
import { registerAriaAttributes } from './utils/aria-weapp'
import './app.scss'

// Before the first page renders: the aria attributes' aliases (utils/aria-weapp.ts).
if (process.env.TARO_ENV === 'weapp') registerAriaAttributes()

// The app shell: pages carry their own state; the session lives in storage (services/session.ts).
// At launch, scans kept offline are sent, and again whenever the network returns.
function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    try {
      watchNetwork()
    } catch {
      // a host without network events (a test renderer): the next scan still sends the queue
    }
  })
  return children
}

export default App
