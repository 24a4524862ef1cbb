// Names for the API's shapes. The shapes themselves are generated from the API's OpenAPI
// document into api-types.ts (`npm run gen:api-types`); nothing here is written by hand except
// what the API does not serve (the WeChat stand-in's development codes).
import type { components } from './api-types'
import type { ApiRequestBody, ApiResult } from './request'

type Schemas = components['schemas']

export type Tile = Schemas['Tile']
export type Me = Schemas['Me']
export type Session = Schemas['Session']
export type ApiErrorBody = Schemas['Error']
export type RegistryLookup = ApiResult<'get', '/api/identity/registry'>

export type PageOf<T> = { items: T[]; nextCursor: string | null }
export type RegistryCompany = Schemas['RegistryCompany']
export type Department = Schemas['Department']
export type DepartmentKind = Department['kind']
export type Declaration = Schemas['Declaration']
export type DeclarationStatus = Declaration['status']
export type Membership = Schemas['Membership']
export type MyCompany = ApiResult<'get', '/api/companies/mine'>
export type ReviewPreview = Schemas['ReviewPreview']
/** A row of the officer's 单位审核 list: the preview and the token its review page takes. */
export type ReviewListItem = ApiResult<'get', '/api/reviews'>['items'][number]
export type CompanyPreview = Schemas['CompanyPreview']
export type ScanResult = Schemas['ScanResult']
export type Staff = Schemas['Staff']

/** The one-time codes of the local WeChat stand-in (development only; not an API route). */
export type WechatCodes = ApiRequestBody<'post', '/api/auth/wechat'>
