// fast-check arbitraries generated from the OpenAPI document's JSON schemas: values a client
// would send (within the schema, with real ids of other users' rows from the pool), boundary
// values (empty, the maximum length, the limits of an integer) and hostile ones (wrong types,
// huge and unicode strings, SQL and path fragments, missing and extra fields). Nothing here
// knows a route: a new route is covered by its schema alone.
import fc from "fast-check";

// deno-lint-ignore no-explicit-any
export type Schema = any;

/** Values seen in the system (ids, tokens) that requests may aim at, by kind. */
export type Pool = { uuids: string[]; tokens: string[] };

const HOSTILE_STRINGS = [
  "",
  " ",
  "null",
  "' or 1=1 --",
  "'); drop table public.profiles; --",
  "../../../../etc/passwd",
  "%00",
  "\u0000",
  "<script>alert(1)</script>",
  "😀".repeat(60),
  "\u202e\u0644\u0645",
  "𠮷野家",
  "x".repeat(5000),
  "00000000-0000-0000-0000-000000000000",
  "NaN",
  "-1",
  "1e309",
];

export const hostileString = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
);

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant([]),
  fc.constant({}),
  fc.array(fc.string(), { maxLength: 3 }),
);

// Realistic values for fields by name, so that valid requests get past the first check and
// reach the database: a Chinese name, a GB 11643 ID number, a mainland mobile number.
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const idNumber = fc.tuple(
  fc.integer({ min: 1950, max: 2005 }),
  fc.integer({ min: 1, max: 12 }),
  fc.integer({ min: 1, max: 28 }),
  fc.integer({ min: 0, max: 999 }),
).map(([y, m, d, seq]) => {
  const first = `320402${y}${String(m).padStart(2, "0")}${String(d).padStart(2, "0")}${
    String(seq).padStart(3, "0")
  }`;
  const sum = [...first].reduce((s, ch, i) => s + Number(ch) * ID_WEIGHTS[i], 0);
  return first + "10X98765432"[sum % 11];
});
const chineseName = fc.string({
  unit: fc.constantFrom(..."张王李赵钱孙周吴郑冯陈伟芳娜敏静丽强磊军洋勇艳杰"),
  minLength: 2,
  maxLength: 4,
});
const mobile = fc.stringMatching(/^1[3-9]\d{9}$/);
const BY_NAME: Record<string, fc.Arbitrary<string>> = {
  name: chineseName,
  idNumber,
  contactPhone: mobile,
  phone: mobile,
  address: fc.constantFrom("常州市新北区通江中路 88 号", "常州市天宁区延陵西路 1 号"),
  reason: fc.constantFrom("材料不全", "地址有误"),
};

/** A value of `schema`, mostly valid, sometimes at a boundary, sometimes hostile. */
export function valueOf(schema: Schema, pool: Pool, name = "", depth = 0): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 6, arbitrary: validValue(schema, pool, name, depth) },
    { weight: 1, arbitrary: hostileValue },
  );
}

function validValue(
  schema: Schema,
  pool: Pool,
  name: string,
  depth: number,
): fc.Arbitrary<unknown> {
  if (!schema || depth > 4) return hostileValue;
  if (schema.anyOf || schema.oneOf) {
    const options = (schema.anyOf ?? schema.oneOf) as Schema[];
    return fc.oneof(...options.map((s) => validValue(s, pool, name, depth + 1)));
  }
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if ("const" in schema) return fc.constant(schema.const);
  const type = Array.isArray(schema.type)
    ? schema.type.find((t: string) => t !== "null")
    : schema.type;
  switch (type) {
    case "string":
      return stringValue(schema, pool, name);
    case "integer":
    case "number": {
      const min = schema.minimum ?? -1_000_000;
      const max = schema.maximum ?? 1_000_000;
      const n = type === "integer"
        ? fc.integer({ min, max })
        : fc.double({ min, max, noNaN: true });
      return fc.oneof(n, fc.constantFrom(min, max, min - 1, max + 1));
    }
    case "boolean":
      return fc.boolean();
    case "array":
      return fc.array(validValue(schema.items, pool, name, depth + 1), {
        maxLength: Math.min(schema.maxItems ?? 3, 3),
      });
    case "object":
      return objectValue(schema, pool, depth);
    default:
      return hostileValue;
  }
}

function stringValue(schema: Schema, pool: Pool, name: string): fc.Arbitrary<string> {
  const options: fc.Arbitrary<string>[] = [];
  if (schema.format === "uuid") {
    options.push(fc.uuid());
    if (pool.uuids.length) options.push(fc.constantFrom(...pool.uuids));
  } else if (BY_NAME[name]) {
    options.push(BY_NAME[name]);
  } else if (schema.pattern) {
    options.push(fc.stringMatching(new RegExp(schema.pattern)));
  } else {
    const maxLength = Math.min(schema.maxLength ?? 60, 60);
    options.push(fc.string({ minLength: schema.minLength ?? 0, maxLength }));
    if (pool.tokens.length && /token|code|cursor/i.test(name)) {
      options.push(fc.constantFrom(...pool.tokens));
    }
  }
  // boundaries: exactly the longest allowed, and one more
  if (schema.maxLength !== undefined && schema.maxLength <= 5000) {
    options.push(fc.constantFrom("字".repeat(schema.maxLength), "字".repeat(schema.maxLength + 1)));
  }
  return fc.oneof(...options);
}

function objectValue(schema: Schema, pool: Pool, depth: number): fc.Arbitrary<unknown> {
  const props = Object.entries(schema.properties ?? {}) as [string, Schema][];
  const required = new Set<string>(schema.required ?? []);
  const fields = Object.fromEntries(props.map(([key, s]) => [
    key,
    required.has(key)
      ? valueOf(s, pool, key, depth + 1).map((v) => [v])
      // an optional field: absent, or present
      : fc.option(valueOf(s, pool, key, depth + 1), { nil: undefined }).map((v) => [v]),
  ]));
  const base = fc.record(fields).map((r) =>
    Object.fromEntries(
      Object.entries(r).map(([k, [v]]) => [k, v]).filter(([, v]) => v !== undefined),
    )
  );
  return fc.oneof(
    { weight: 6, arbitrary: base },
    // a required field missing
    {
      weight: 1,
      arbitrary: fc.tuple(base, fc.constantFrom(...(props.length ? props.map(([k]) => k) : ["x"])))
        .map(([o, k]) => {
          const copy = { ...(o as Record<string, unknown>) };
          delete copy[k];
          return copy;
        }),
    },
    // extra fields, including ones that name protected columns
    {
      weight: 1,
      arbitrary: fc.tuple(
        base,
        fc.constantFrom("role", "verified_at", "user_id", "status", "__proto__", "id"),
        hostileValue,
      ).map(([o, k, v]) => ({ ...(o as Record<string, unknown>), [k]: v })),
    },
  );
}
