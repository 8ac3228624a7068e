/**
 * `@tarojs/taro` for the node test project: the handful of APIs the issuer client
 * uses, implemented for real on Node (fetch over HTTP, an in-memory storage), so
 * client tests talk to the real sandbox over real HTTP. Only the platform adapter is
 * replaced; nothing of the issuer is.
 */
interface RequestOptions {
  url: string
  method?: string
  header?: Record<string, string>
  data?: string
  timeout?: number
}

const storage = new Map<string, unknown>()

async function request(options: RequestOptions) {
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), options.timeout ?? 60_000)
  try {
    const response = await fetch(options.url, {
      method: options.method ?? 'GET',
      headers: options.header,
      body: options.data,
      signal: controller.signal,
    })
    const header: Record<string, string> = {}
    response.headers.forEach((value, key) => {
      header[key] = value
    })
    const data = await response.text()
    return { statusCode: response.status, header, data }
  } catch (error) {
    const aborted = (error as Error).name === 'AbortError'
    throw { errMsg: aborted ? 'request:fail timeout' : `request:fail ${(error as Error).message}` }
  } finally {
    clearTimeout(timer)
  }
}

const Taro = {
  request,
  login: async () => ({ errMsg: 'login:fail not available on node' }),
  getStorageSync: (key: string) => storage.get(key) ?? '',
  setStorageSync: (key: string, value: unknown) => void storage.set(key, value),
  removeStorageSync: (key: string) => void storage.delete(key),
  clearStorageSync: () => storage.clear(),
}

export default Taro
