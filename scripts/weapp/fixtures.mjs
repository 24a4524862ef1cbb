// What the stand-in network answers while the pages render: a signed-in, verified company admin,
// in the shapes of miniapp/src/services/types.ts. Pages that are not listed still render and are
// checked (no error, title, some text); a route nobody answers gets a 404 error body.

export const SESSION_KEY = "qunfang.session";

export const company = {
  id: "00000000-0000-4000-8000-0000000000c1",
  name: "常州平安保安服务有限公司",
  role: "admin",
};

export const me = {
  id: "00000000-0000-4000-8000-0000000000a1",
  phoneMasked: "139****0001",
  identity: { status: "verified", name: "王*明", source: "registry" },
  role: "company_admin",
  tiles: [
    { key: "scan", title: "扫一扫" },
    { key: "companyCode", title: "单位码" },
    { key: "staff", title: "人员管理" },
    { key: "resign", title: "离职" },
  ],
  company,
};

export const unverified = {
  id: "00000000-0000-4000-8000-0000000000a2",
  phoneMasked: "139****0002",
  identity: { status: "unverified", name: null, source: null },
  role: "user",
  tiles: [],
  company: null,
};

/** What session.ts keeps in storage for a signed-in user. */
export const storedSession = (user) =>
  JSON.stringify({
    accessToken: "access-token",
    refreshToken: "refresh-token",
    expiresAt: Date.now() + 3600_000,
    user,
  });

const declaration = {
  id: "00000000-0000-4000-8000-0000000000d1",
  registryCompanyId: "00000000-0000-4000-8000-0000000000e1",
  companyName: company.name,
  creditCode: "91320400MA1XXXXX0A",
  departmentId: "00000000-0000-4000-8000-0000000000f1",
  departmentName: "天宁分局",
  address: "常州市天宁区延陵西路1号",
  contactPhone: "051988888888",
  industry: "保安服务企业",
  status: "approved",
  rejectReason: null,
  reviewedAt: "2026-11-01T08:00:00Z",
  createdAt: "2026-10-30T08:00:00Z",
  reviewQr: null,
};

const zone = {
  id: "00000000-0000-4000-8000-0000000000a8",
  name: "东门岗",
  departmentId: declaration.departmentId,
  departmentName: "安家派出所",
  branchName: "新北分局",
  lat: 31.8107,
  lng: 119.9741,
  address: "江苏省常州市新北区太湖东路101号",
  addressDetail: "常发广场写字楼",
  remark: "",
  geofenceM: 0,
  createdAt: "2026-11-03T08:00:00Z",
  createdByName: "王*明",
  memberCount: 2,
  onDutyCount: 1,
  myRight: "company_admin",
};

const record = {
  id: "00000000-0000-4000-8000-0000000000a9",
  zoneId: zone.id,
  zoneName: zone.name,
  onAt: "2026-11-04T00:30:00Z",
  offAt: null,
  open: true,
  onLate: true,
  offLate: false,
  onReceivedAt: "2026-11-04T01:10:00Z",
  offReceivedAt: null,
  endReason: null,
};

export const routes = () => ({
  "GET /me": me,
  "GET /companies/mine": {
    declaration,
    membership: {
      id: "00000000-0000-4000-8000-0000000000b1",
      companyId: company.id,
      companyName: company.name,
      role: "admin",
      hasGuardCertificate: true,
      joinedAt: "2026-11-01T08:00:00Z",
      entryDate: "2026-11-01",
    },
  },
  "GET /registry-companies": {
    items: [{
      id: declaration.registryCompanyId,
      name: company.name,
      creditCode: declaration.creditCode,
    }],
    nextCursor: null,
  },
  "GET /departments": {
    items: [{
      id: declaration.departmentId,
      parentId: null,
      name: "天宁分局",
      kind: "branch",
      sort: 1,
      code: null,
    }],
  },
  [`GET /companies/${company.id}/staff`]: {
    items: [{
      membershipId: "00000000-0000-4000-8000-0000000000b2",
      userId: "00000000-0000-4000-8000-0000000000a3",
      name: "李*华",
      phone: "137****0003",
      role: "member",
      hasGuardCertificate: false,
      joinedAt: "2026-11-02T08:00:00Z",
      entryDate: "2026-11-02",
    }],
    nextCursor: null,
  },
  [`GET /companies/${company.id}/code.png`]: { status: 200, body: null },
  "GET /reviews": { items: [], nextCursor: null },
  "GET /identity/registry": { found: true, nameMasked: "王*明" },
  // 巡区 and 到岗 (docs/zones.md)
  "GET /zones": { items: [zone], nextCursor: null },
  "GET /me/records": { items: [record], nextCursor: null },
  "GET /duty": {
    zone: { id: zone.id, name: zone.name, isAdmin: false },
    openShift: { id: record.id, zoneId: zone.id, zoneName: zone.name, onAt: record.onAt },
  },
});

/**
 * Text a page shows once its data arrived, beyond the generic checks every page of app.json gets
 * (renders, no error, a title, some text). Optional: a new page needs no entry here.
 */
export const keyText = {
  "pages/index/index": [company.name, "扫一扫"],
  "pages/auth/index": ["授权手机号"],
  "pages/identity-link/index": ["常州公安微警务"],
  "pages/register/index": ["身份证号码", "提交"],
  "package-company/declare/index": ["管理部门", "提交"],
  "package-company/registry/index": ["搜索"],
  "package-company/status/index": [company.name],
  "package-company/code/index": [company.name, "保存到相册"],
  "package-company/staff/index": ["李*华"],
  "package-zones/list/index": [zone.name, "安家派出所", "人员管理"],
  "package-zones/edit/index": ["巡区名称", "管理部门", "0/200", "提交"],
  // 08:30 in Asia/Shanghai, 补录 with the time it arrived
  "package-zones/records/index": [zone.name, "2026-11-04 08:30:00", "补录", "已经没有更多记录了"],
};
