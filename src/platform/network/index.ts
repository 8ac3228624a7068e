import Taro from '@tarojs/taro'

/** Called with `false` when the device reports it lost its network and `true` when it is back. */
export type NetworkListener = (online: boolean) => void

/**
 * WeChat and Alipay (and the fallback): the host's network status events. A hint only:
 * the pay code still treats an unanswered request as the real signal. Returns the
 * unsubscribe function; where the API is missing it does nothing.
 */
export function watchNetwork(listener: NetworkListener): () => void {
  const handler = (result: { isConnected: boolean }) => listener(result.isConnected)
  try {
    Taro.onNetworkStatusChange(handler)
  } catch {
    return () => undefined
  }
  return () => {
    try {
      Taro.offNetworkStatusChange(handler)
    } catch {
      // Older base libraries have no off: the listener just stays.
    }
  }
}
