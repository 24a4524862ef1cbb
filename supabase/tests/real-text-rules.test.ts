// Capability: the database and the API agree on what a name and an address are, so that what
// the form and the API accept is what the database stores, and the reverse: a name as long as
// an ID card carries it (minority names with ·), and addresses of real characters, never
// emoji only (🏠🏢🏠).
import { isRealText, isValidChineseName } from "../functions/_shared/validation.ts";
import {
  assertEquals,
  assertPgError,
  asUser,
  dbTest,
  departmentId,
  newRegistryCompany,
  newUser,
  newVerifiedUser,
  randomIdNumber,
  seedObject,
  sql,
} from "./_helpers.ts";

const NAMES = [
  "张三",
  "阿依古丽·买买提",
  "阿卜杜热合曼·买买提艾力·阿不都热依木·吐尔逊", // 23 characters
  "张".repeat(50),
  "张".repeat(51),
  "张",
  "张··三",
  "·张三",
  "张三·",
  "Zhang San",
  "🏠🏢🏠",
  "张😀",
];

const ADDRESSES = [
  "常州市新北区太湖东路9号",
  "新北区 汉江路 1 号 2 幢",
  "Room 5, No. 3",
  "🏠🏢🏠",
  "🏠常州",
  "常州🏠",
  "。。。",
  "--",
  "１号",
  "A",
];

dbTest("is_valid_person_name and the API's isValidChineseName agree", async () => {
  for (const name of NAMES) {
    const [{ ok }] = await sql`select private.is_valid_person_name(${name}) as ok`;
    assertEquals(ok, isValidChineseName(name), name);
  }
  const [{ ok }] = await sql`select private.is_valid_person_name(${NAMES[2]}) as ok`;
  assertEquals(ok, true, "a 23-character name with · is a name");
});

dbTest("is_real_text and the API's isRealText agree", async () => {
  for (const text of ADDRESSES) {
    const [{ ok }] = await sql`select private.is_real_text(${text}) as ok`;
    assertEquals(ok, isRealText(text), text);
  }
  assertEquals(isRealText("🏠🏢🏠"), false);
  assertEquals(isRealText("常州市新北区太湖东路9号"), true);
});

dbTest("register_identity stores a 23-character minority name", async () => {
  const a = await newUser();
  await seedObject("face-photos", `${a.id}/face.jpg`, a.id);
  const name = await asUser(a.id, async (tx) => {
    await tx`select public.register_identity(${NAMES[2]}, ${randomIdNumber()},
                                             ${`${a.id}/face.jpg`})`;
    return (await tx`select name from public.profiles where user_id = ${a.id}`)[0].name;
  });
  assertEquals(name, NAMES[2]);
});

dbTest("declare_company refuses an address of emoji only (address_invalid)", async () => {
  const u = await newVerifiedUser();
  const r = await newRegistryCompany();
  const dept = await departmentId("cz.xb.anjia");
  await assertPgError(
    () =>
      asUser(
        u.id,
        (tx) => tx`select public.declare_company(${r.id}, ${dept}, '🏠🏢🏠', '13312341188')`,
      ),
    "P0001",
    "address_invalid",
  );
});

dbTest("register_identity refuses a 51-character name saying 2至50个汉字", async () => {
  const a = await newUser();
  await seedObject("face-photos", `${a.id}/face.jpg`, a.id);
  const err = await assertPgError(
    () =>
      asUser(
        a.id,
        (tx) =>
          tx`select public.register_identity(${"张".repeat(51)}, ${randomIdNumber()},
                                           ${`${a.id}/face.jpg`})`,
      ),
    "P0001",
    "name_invalid",
  );
  assertEquals(err.detail, "姓名应为2至50个汉字（可含·）");
});
