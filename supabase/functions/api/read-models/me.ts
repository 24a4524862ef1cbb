// The caller as the mini-program's home page sees them (GET /api/me and every answer that
// returns Me): identity state, role, home tiles, and the active company.
import { callAs, type Claims, type Tx } from "../../_shared/db.ts";
import { AppError } from "../../_shared/errors.ts";
import { maskPhone } from "../../_shared/validation.ts";
import type { Me } from "../schemas.ts";

// Home tiles per role, in display order (SPEC §1.4, §2.1, docs/companies.md). An unverified
// user has none: the home page shows 去授权 instead. A verified user with a pending declaration
// keeps the tiles of `verified` but 入职扫码 (join_company would refuse them); 单位申报 then
// opens the declaration's status page.
const tile = {
  scan: { key: "scan", title: "扫一扫" },
  declare: { key: "declare", title: "单位申报" },
  join: { key: "join", title: "入职扫码" },
  tips: { key: "tips", title: "线索举报" },
  companyCode: { key: "companyCode", title: "单位码" },
  staff: { key: "staff", title: "人员名单" },
  zones: { key: "zones", title: "巡区管理" },
  attendance: { key: "attendance", title: "到岗记录" },
  resign: { key: "resign", title: "离职" },
  reviews: { key: "reviews", title: "单位审核" },
  tipInbox: { key: "tipInbox", title: "线索处理" },
  tipSupervise: { key: "tipSupervise", title: "线索监督" },
};
const TILES: Record<Me["role"], Me["tiles"]> = {
  unverified: [],
  verified: [tile.scan, tile.declare, tile.join, tile.tips],
  company_admin: [tile.scan, tile.companyCode, tile.staff, tile.zones, tile.attendance, tile.tips],
  guard: [tile.scan, tile.attendance, tile.tips, tile.resign],
  // 单位审核: the declarations of the officer's departments, for review without a scan (SPEC §6)
  // 线索处理: the tips of the officer's departments (SPEC §6)
  police: [tile.scan, tile.reviews, tile.tipInbox, tile.tips],
};

type ProfileRow = {
  user_id: string;
  phone: string;
  name: string | null;
  verified_at: Date | string | null; // a string when read as JSON (private.me_as)
  source: "registry" | "self" | null;
  police: boolean;
  supervisor: boolean;
  company_id: string | null;
  company_name: string | null;
  company_role: "admin" | "member" | null;
  pending_declaration: boolean;
  notice_id: string | null;
  notice_company: string | null;
  notice_at: Date | string | null; // a string when read as JSON (private.me_as)
  zone_id: string | null;
  zone_name: string | null;
  zone_admin: boolean | null;
  shift_id: string | null;
  shift_zone_id: string | null;
  shift_zone_name: string | null;
  shift_on_at: string | null;
};

/**
 * The tiles of the role; a guard who administers their zone gets 巡区管理 after 扫一扫, and a
 * platform supervisor (verified, whatever their role) 线索监督 at the end.
 */
function tilesOf(role: Me["role"], p: ProfileRow): Me["tiles"] {
  const base = role === "verified" && p.pending_declaration
    ? TILES.verified.filter((t) => t.key !== "join")
    : role === "guard" && p.zone_admin && p.zone_id
    ? [tile.scan, tile.zones, ...TILES.guard.slice(1)]
    : TILES[role];
  return p.supervisor && role !== "unverified" ? [...base, tile.tipSupervise] : base;
}

function roleOf(p: ProfileRow): Me["role"] {
  // An officer is an officer first: their account exists to review and to receive tips.
  if (p.police) return "police";
  if (!p.verified_at) return "unverified";
  if (p.company_role === "admin") return "company_admin";
  if (p.company_role === "member") return "guard";
  return "verified";
}

/**
 * The caller's Me (and bare phone), read under RLS inside the caller's transaction: the same SQL
 * as GET /api/me (private.me_json, 20261129100100_me_zone.sql).
 */
export async function loadProfile(tx: Tx): Promise<{ me: Me; phone: string }> {
  const [row] = await tx<{ p: ProfileRow | null }[]>`select private.me_json() as p`;
  return toProfile(row?.p);
}

function toProfile(p: ProfileRow | null | undefined): { me: Me; phone: string } {
  if (!p) throw new AppError(404, "profile_not_found", "未找到您的用户资料，请重新登录");
  const role = roleOf(p);
  const me: Me = {
    id: p.user_id,
    phoneMasked: maskPhone(p.phone),
    identity: { status: p.verified_at ? "verified" : "unverified", name: p.name, source: p.source },
    role,
    tiles: tilesOf(role, p),
    company: p.company_id && p.company_role
      ? { id: p.company_id, name: p.company_name ?? "", role: p.company_role }
      : null,
    notice: p.notice_id && p.notice_at
      ? {
        id: p.notice_id,
        kind: "dismissed",
        companyName: p.notice_company ?? "",
        at: new Date(p.notice_at).toISOString(),
      }
      : null,
    zone: p.zone_id && p.zone_name
      ? { id: p.zone_id, name: p.zone_name, isAdmin: p.zone_admin === true }
      : null,
    openShift: p.shift_id && p.shift_zone_id && p.shift_on_at
      ? {
        id: p.shift_id,
        zoneId: p.shift_zone_id,
        zoneName: p.shift_zone_name ?? "",
        onAt: new Date(p.shift_on_at).toISOString(),
      }
      : null,
  };
  return { me, phone: p.phone };
}

export const loadMe = async (tx: Tx): Promise<Me> => (await loadProfile(tx)).me;

/**
 * Me in one statement of its own (private.me_as: the session check, the role switch and
 * private.me_json, in one round trip; docs/request-path.md): GET /api/me, and the
 * handlers whose write went through another role.
 */
export const meForClaims = async (claims: Claims): Promise<Me> =>
  toProfile(JSON.parse(await callAs(claims, "private.me_as"))).me;
