// Shapes of docs/zones.md (巡区, 巡区人员, 到岗记录, 打卡). Keep in step with the API's
// supabase/functions/api/zones.schemas.ts.

export type Ref = { id: string; name: string }

export type ZoneRight = 'company_admin' | 'zone_admin'

export type Zone = {
  id: string
  name: string
  departmentId: string
  /** 所属派出所, e.g. 安家派出所 */
  departmentName: string
  /** e.g. 新北分局 */
  branchName: string | null
  lat: number
  lng: number
  address: string
  /** 地址描述 */
  addressDetail: string
  /** 巡区备注 */
  remark: string
  geofenceM: number
  createdAt: string
  /** 创建人 */
  createdByName: string | null
  memberCount: number
  onDutyCount: number
  /** company_admin may 删除 and 设为巡区管理员; zone_admin may 移交. */
  myRight: ZoneRight
}

export type ZoneForm = {
  name: string
  departmentId: string
  lat: number
  lng: number
  address: string
  addressDetail?: string
  remark?: string
  geofenceM?: number
}

export type ZoneMember = {
  userId: string
  name: string | null
  phoneMasked: string
  isAdmin: boolean
  onDuty: boolean
  joinedAt: string
}

export type RecordStatus = 'all' | 'on' | 'off'

export type EndReason = 'clocked_off' | 'switched_zone' | 'left_company' | 'zone_deleted'

/** One shift, open or closed (到岗记录). */
export type ShiftRecord = {
  id: string
  zoneId: string
  zoneName: string
  onAt: string
  offAt: string | null
  /** Still on duty: the 「离岗」 mark. */
  open: boolean
  /** 补录: the server received the scan more than 2 minutes after the device time. */
  onLate: boolean
  offLate: boolean
  onReceivedAt: string
  offReceivedAt: string | null
  endReason: EndReason | null
  /** Zone records only: 钱杰(151****3573). */
  userId?: string
  member?: string | null
}

export type DutyAction = 'clock_on' | 'clock_off' | 'join_and_clock_on' | 'switch_and_clock_on'

export type DutyState = {
  zone: { id: string; name: string; isAdmin: boolean } | null
  openShift: { id: string; zoneId: string; zoneName: string; onAt: string } | null
}

export type DutyPreview = {
  action: DutyAction | null
  dialog: string | null
  zone: Ref | null
  company: Ref | null
  currentZone: Ref | null
  distanceM: number | null
  geofenceM: number | null
  reason?: string
  reasonCode?: string
}

export type Location = { lat: number; lng: number }

export type DutyResult = {
  action: DutyAction
  requestId: string
  replayed: boolean
  message?: string
  zone: Ref
  company: Ref
  shift: {
    id: string
    onAt: string
    onReceivedAt: string
    onLate: boolean
    onDistanceM: number | null
    offAt: string | null
    offReceivedAt: string | null
    offLate: boolean
    offDistanceM: number | null
    open: boolean
  }
}
