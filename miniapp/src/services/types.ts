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
