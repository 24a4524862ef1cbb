// Committed fixtures of the tips tests: a tip sent the way the API sends it (photos stored under
// the tip's folder by the tip's upload token, then submit_tip as the reporter).
import { asUserCommit, departmentId, sql, type Tx } from "./_helpers.ts";

export interface SentTip {
  id: string;
  receiptCode: string;
  photos: string[];
}

export interface TipInput {
  anonymous?: boolean;
  departmentCode?: string | null;
  photos?: number;
  content?: string;
  category?: number;
}

/** Stores `photos` objects as Storage does for the tip's upload token (owner = the tip). */
export async function seedTipPhotos(tipId: string, count: number): Promise<string[]> {
  const paths: string[] = [];
  for (let i = 0; i < count; i++) {
    const path = `${tipId}/${crypto.randomUUID()}.jpg`;
    await sql`
      insert into storage.objects (bucket_id, name, owner, owner_id, metadata)
      values ('tip-photos', ${path}, ${tipId}, ${tipId}, '{"mimetype":"image/jpeg","size":1}')`;
    paths.push(path);
  }
  return paths;
}

export function submitTip(
  tx: Tx,
  id: string,
  input: TipInput,
  department: string | null,
  photos: string[],
) {
  const p = JSON.stringify(photos.map((path) => ({ path, width: 640, height: 480 })));
  return tx<{ id: string; receipt_code: string }[]>`
    select * from public.submit_tip(${id}, ${input.category ?? 2}::smallint,
      ${input.content ?? "小区东门有人撬电动车锁"}, '常州市新北区太湖东路9号', null, null,
      ${input.anonymous ?? true}, ${department}, ${p}::text::jsonb)`;
}

/** A committed tip of `reporterId`. */
export async function sendTip(reporterId: string, input: TipInput = {}): Promise<SentTip> {
  const id = crypto.randomUUID();
  const photos = await seedTipPhotos(id, input.photos ?? 0);
  const department = input.departmentCode ? await departmentId(input.departmentCode) : null;
  const [row] = await asUserCommit(
    reporterId,
    (tx) => submitTip(tx, id, input, department, photos),
  );
  return { id: row.id, receiptCode: row.receipt_code, photos };
}

/** A committed platform supervisor row (administrators provision them). */
export async function makeSupervisor(userId: string): Promise<void> {
  await sql`insert into public.platform_supervisors (user_id) values (${userId})`;
}
