// Shapes of docs/foundation.md (the contract with the API). Keep in step with it.

export type Tile = { key: string; title: string }

export type Me = {
  id: string
  phoneMasked: string
  identity: {
    status: 'unverified' | 'verified'
    name: string | null
    source: 'registry' | 'self' | null
  }
  role: string
  tiles: Tile[]
  /** The active company (docs/companies.md); null when the user belongs to none. */
  company?: { id: string; name: string; role: 'admin' | 'member' } | null
}

export type Session = {
  accessToken: string
  refreshToken: string
  expiresIn: number
  user: Me
}

export type RegistryLookup = { found: boolean; nameMasked?: string }

export type WechatCodes = { loginCode: string; phoneCode: string }

export type ApiErrorBody = { error: { code: string; message: string } }

// Companies (docs/companies.md, supabase/functions/api/schemas.ts).

export type PageOf<T> = { items: T[]; nextCursor: string | null }

export type RegistryCompany = { id: string; name: string; creditCode: string }

export type DepartmentKind = 'city' | 'branch' | 'county' | 'station' | 'brigade'

export type Department = {
  id: string
  parentId: string | null
  name: string
  kind: DepartmentKind
  sort: number
  code: string | null
}

export type DeclarationStatus = 'pending' | 'approved' | 'rejected'

export type Declaration = {
  id: string
  registryCompanyId: string
  companyName: string
  creditCode: string
  departmentId: string
  departmentName: string
  address: string
  contactPhone: string
  industry: string
  status: DeclarationStatus
  rejectReason: string | null
  reviewedAt: string | null
  createdAt: string
  reviewQr: string | null
}

export type Membership = {
  id: string
  companyId: string
  companyName: string
  role: 'admin' | 'member'
  hasGuardCertificate: boolean
  joinedAt: string
  entryDate: string
}

export type MyCompany = { declaration: Declaration | null; membership: Membership | null }

export type ReviewPreview = {
  id: string
  companyName: string
  creditCode: string
  departmentName: string
  address: string
  contactPhone: string
  declarantName: string | null
  status: DeclarationStatus
  createdAt: string
}

/** A row of the officer's 单位审核 list: the preview and the token its review page takes. */
export type ReviewListItem = ReviewPreview & { token: string }

export type CompanyPreview = { companyId: string; companyName: string }

export type ScanResult = {
  kind: 'company' | 'review' | 'unknown'
  preview?: CompanyPreview | ReviewPreview
  actions: Array<'join' | 'approve' | 'reject'>
  reason?: string
  reasonCode?: string
}

export type Staff = {
  membershipId: string
  userId: string
  name: string | null
  phone: string
  role: 'admin' | 'member'
  hasGuardCertificate: boolean
  joinedAt: string
  entryDate: string
}
