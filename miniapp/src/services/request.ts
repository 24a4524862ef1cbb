import Taro from '@tarojs/taro'
import { API_ROOT, PAGES, REQUEST_TIMEOUT_MS, UPLOAD_TIMEOUT_MS } from './config'
import { clearSession, getSession, saveSession } from './session'
import type { paths } from './api-types'
import type { ApiErrorBody, Session } from './types'
import { toast } from '@/services/feedback'

// The ONE way the mini-program talks to servers: base URL, bearer token, timeout, one silent
// token refresh on `token_expired`, the server's Chinese message as a toast, typed results.
// Pages never call Taro.request themselves.

export class ApiError extends Error {
  readonly status: number
  readonly code: string
  constructor(status: number, code: string, message: string) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
  }
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

export type RequestOptions = {
  method?: Method
  data?: Record<string, unknown>
  /** Send the bearer token and refresh it when expired (default true). */
  auth?: boolean
  /** Show the error message as a toast (default true). */
  toast?: boolean
  /** Another root than the API (the WeChat stand-in's development routes). */
  root?: string
}

export type UploadOptions = {
  filePath: string
  /** Multipart field name of the file. */
  name: string
  /** File name sent with the part (H5: the chosen file's name keeps its extension). */
  fileName?: string
  formData?: Record<string, string>
  toast?: boolean
}

type RawResponse = { statusCode: number; data: unknown }

const NETWORK_MESSAGE = '网络异常，请检查网络后重试'
const TIMEOUT_MESSAGE = '请求超时，请稍后重试'
const SESSION_LOST_MESSAGE = '登录已失效，请重新授权'

function parseBody(data: unknown): unknown {
  // An error answer to a binary request (H5 arraybuffer) is still the JSON error body.
  if (data instanceof ArrayBuffer && typeof TextDecoder !== 'undefined') data = new TextDecoder().decode(data)
  if (typeof data !== 'string') return data
  try {
    return JSON.parse(data)
  } catch {
    return data
  }
}

function errorOf(res: RawResponse): ApiError {
  const body = parseBody(res.data) as Partial<ApiErrorBody> | null
  const err = body && typeof body === 'object' ? body.error : undefined
  if (err && typeof err.code === 'string' && typeof err.message === 'string') {
    return new ApiError(res.statusCode, err.code, err.message)
  }
  return new ApiError(res.statusCode, `http_${res.statusCode}`, `服务暂时不可用（${res.statusCode}），请稍后重试`)
}

function transportError(e: unknown): ApiError {
  const text = String((e as { errMsg?: string; message?: string })?.errMsg ?? (e as Error)?.message ?? '')
  if (/timeout|abort/i.test(text)) return new ApiError(0, 'request_timeout', TIMEOUT_MESSAGE)
  return new ApiError(0, 'network_error', NETWORK_MESSAGE)
}

async function sendJson(url: string, method: Method, data: unknown, header: Record<string, string>): Promise<RawResponse> {
  try {
    const res = await Taro.request({
      url,
      method,
      data: data as Record<string, unknown> | undefined,
      header: { 'Content-Type': 'application/json', ...header },
      timeout: REQUEST_TIMEOUT_MS,
      dataType: 'json',
    })
    return { statusCode: res.statusCode, data: res.data }
  } catch (e) {
    throw transportError(e)
  }
}

function showError(err: ApiError): void {
  toast({ title: err.message, icon: 'none', duration: 2500 })
}

/** The session can no longer be used: forget it and send the user back to 授权. */
function sessionLost(): void {
  clearSession()
  const pages = Taro.getCurrentPages()
  const route = pages.length ? pages[pages.length - 1].route ?? '' : ''
  if (!`/${route}`.startsWith(PAGES.auth)) {
    Taro.reLaunch({ url: PAGES.auth }).catch(() => undefined)
  }
}

// Single flight: concurrent 401s wait for the same refresh instead of rotating the token twice
// (a second rotation of the same refresh token is treated as reuse and revokes the session).
let refreshing: Promise<string> | null = null

function refreshAccessToken(): Promise<string> {
  if (!refreshing) {
    refreshing = (async () => {
      const stored = getSession()
      if (!stored) throw new ApiError(401, 'token_missing', SESSION_LOST_MESSAGE)
      const res = await sendJson(`${API_ROOT}/auth/refresh`, 'POST', { refreshToken: stored.refreshToken }, {})
      if (res.statusCode < 200 || res.statusCode >= 300) throw errorOf(res)
      return saveSession(parseBody(res.data) as Session).accessToken
    })().finally(() => {
      refreshing = null
    })
  }
  return refreshing
}

function codeOf(res: RawResponse): string {
  return errorOf(res).code
}

/** Runs `exec` with the bearer token; on `token_expired` refreshes once and retries once. */
async function authorized(exec: (token: string) => Promise<RawResponse>): Promise<RawResponse> {
  const stored = getSession()
  if (!stored) {
    sessionLost()
    throw new ApiError(401, 'token_missing', SESSION_LOST_MESSAGE)
  }
  const used = stored.accessToken
  let res = await exec(used)
  if (res.statusCode === 401 && codeOf(res) === 'token_expired') {
    let token: string
    const current = getSession()?.accessToken
    if (current && current !== used) {
      token = current // another request refreshed meanwhile
    } else {
      try {
        token = await refreshAccessToken()
      } catch (e) {
        const err = e instanceof ApiError ? e : transportError(e)
        // Only a refusal by the server ends the session; a network hiccup does not.
        if (err.status >= 400 && err.status < 500) {
          sessionLost()
          throw new ApiError(401, err.code, SESSION_LOST_MESSAGE)
        }
        throw err
      }
    }
    res = await exec(token)
  }
  if (res.statusCode === 401 && codeOf(res).startsWith('token_')) {
    sessionLost()
    throw new ApiError(401, codeOf(res), SESSION_LOST_MESSAGE)
  }
  return res
}

function finish<T>(res: RawResponse, toast: boolean): T {
  if (res.statusCode >= 200 && res.statusCode < 300) return parseBody(res.data) as T
  const err = errorOf(res)
  if (toast) showError(err)
  throw err
}

/** JSON request to `${root}${path}`; resolves with the typed body of a 2xx answer. */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = 'GET', data, auth = true, toast = true, root = API_ROOT } = options
  const url = `${root}${path}`
  try {
    const res = auth
      ? await authorized((token) => sendJson(url, method, data, { Authorization: `Bearer ${token}` }))
      : await sendJson(url, method, data, {})
    return finish<T>(res, toast)
  } catch (e) {
    const err = e instanceof ApiError ? e : transportError(e)
    if (toast && err.status === 0) showError(err)
    throw err
  }
}

// Calls typed by the generated `paths` of the API's OpenAPI document: the path, its parameters,
// the JSON body and the 200 answer all come from api-types.ts, so a call the API does not serve
// fails the typecheck (a few type aliases, no client library in the weapp package).

type HttpMethod = 'get' | 'post'
/** The API paths that answer this method. */
export type PathWith<M extends HttpMethod> = {
  [P in keyof paths]: paths[P][M] extends undefined ? never : P
}[keyof paths]
type Op<M extends HttpMethod, P extends PathWith<M>> = NonNullable<paths[P][M]>
type Json<R> = R extends { content: { 'application/json': infer B } } ? B : never
/** The JSON body of the 200 answer. */
export type ApiResult<M extends HttpMethod, P extends PathWith<M>> =
  Op<M, P> extends { responses: { 200: infer R } } ? Json<R> : never
/** The JSON request body. */
export type ApiRequestBody<M extends HttpMethod, P extends PathWith<M>> =
  Op<M, P> extends { requestBody: { content: { 'application/json': infer B } } } ? B : never
type PathParams<O> = O extends { parameters: { path: infer X } } ? X : never
type QueryParams<O> = O extends { parameters: { query?: infer Q } } ? Q : never

export type CallOptions<M extends HttpMethod, P extends PathWith<M>> = {
  params?: PathParams<Op<M, P>>
  query?: QueryParams<Op<M, P>>
  body?: ApiRequestBody<M, P>
  toast?: boolean
}

function queryString(params: object | undefined): string {
  const parts = Object.entries(params ?? {})
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
  return parts.length ? `?${parts.join('&')}` : ''
}

/** `/api/companies/{id}/code.png` with its parameters filled in, relative to API_ROOT. */
export function apiPath(path: string, params?: object, query?: object): string {
  const values = (params ?? {}) as Record<string, unknown>
  return (
    path.replace(/^\/api/, '').replace(/\{(\w+)\}/g, (_, k: string) => encodeURIComponent(String(values[k]))) +
    queryString(query)
  )
}

/** A route of the API, typed by its OpenAPI definition. */
export function api<M extends HttpMethod, P extends PathWith<M>>(
  method: M,
  path: P,
  options: CallOptions<M, P> = {},
): Promise<ApiResult<M, P>> {
  const { params, query, body, toast } = options
  return request<ApiResult<M, P>>(apiPath(path, params as object | undefined, query as object | undefined), {
    method: method === 'get' ? 'GET' : 'POST',
    data: method === 'get' ? undefined : ((body ?? {}) as Record<string, unknown>),
    toast,
  })
}

/** Multipart upload of one file plus fields (Taro.uploadFile: wx.uploadFile in weapp, XHR + FormData in H5). */
export async function upload<T>(path: string, options: UploadOptions): Promise<T> {
  const { toast = true } = options
  const url = `${API_ROOT}${path}`
  try {
    const res = await authorized(async (token) => {
      try {
        const r = await Taro.uploadFile({
          url,
          filePath: options.filePath,
          name: options.name,
          formData: options.formData,
          header: { Authorization: `Bearer ${token}` },
          timeout: UPLOAD_TIMEOUT_MS,
          ...(options.fileName ? { fileName: options.fileName } : {}),
        } as Taro.uploadFile.Option)
        return { statusCode: r.statusCode, data: r.data }
      } catch (e) {
        throw transportError(e)
      }
    })
    return finish<T>(res, toast)
  } catch (e) {
    const err = e instanceof ApiError ? e : transportError(e)
    if (toast && err.status === 0) showError(err)
    throw err
  }
}

function base64Of(bytes: ArrayBuffer): string {
  const view = new Uint8Array(bytes)
  let text = ''
  for (let i = 0; i < view.length; i += 0x8000) {
    text += String.fromCharCode(...Array.from(view.subarray(i, i + 0x8000)))
  }
  return btoa(text)
}

/** weapp: the JSON error body that downloadFile wrote into its temp file. */
function readDownloaded(path: string): unknown {
  try {
    return Taro.getFileSystemManager().readFileSync(path, 'utf8')
  } catch {
    return null
  }
}

/**
 * An image route that needs the bearer token (the QR PNGs), as something <Image> and canvases
 * take: weapp downloads it to a temp file (Taro.downloadFile with the header); H5 fetches the bytes
 * and returns a `data:image/png;base64,…` URL (no object URL to revoke, and the bytes stay readable).
 */
export async function fetchImage(path: string, options: { toast?: boolean } = {}): Promise<string> {
  const { toast = true } = options
  const url = `${API_ROOT}${path}`
  let kept = ''
  try {
    const res = await authorized(async (token) => {
      const header = { Authorization: `Bearer ${token}` }
      try {
        if (process.env.TARO_ENV === 'h5') {
          const r = await Taro.request({ url, method: 'GET', header, timeout: REQUEST_TIMEOUT_MS, responseType: 'arraybuffer' })
          return { statusCode: r.statusCode, data: r.data }
        }
        const r = await Taro.downloadFile({ url, header })
        const ok = r.statusCode >= 200 && r.statusCode < 300
        if (ok) kept = r.tempFilePath
        return { statusCode: r.statusCode, data: ok ? null : readDownloaded(r.tempFilePath) }
      } catch (e) {
        throw transportError(e)
      }
    })
    if (res.statusCode < 200 || res.statusCode >= 300) finish<never>(res, toast)
    if (process.env.TARO_ENV === 'h5') return `data:image/png;base64,${base64Of(res.data as ArrayBuffer)}`
    return kept
  } catch (e) {
    const err = e instanceof ApiError ? e : transportError(e)
    if (toast && err.status === 0) showError(err)
    throw err
  }
}
