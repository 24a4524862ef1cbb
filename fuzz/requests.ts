// One generated request per operation of the OpenAPI document, and the check of its answer
// against the same document: a documented status, a body valid against the documented schema
// (Ajv, JSON Schema 2020-12 as OpenAPI 3.1 uses), never a 5xx.
import fc from "fast-check";
import { Image } from "imagescript";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { hostileString, type Pool, type Schema, valueOf } from "./arbitraries.ts";

export type Operation = {
  method: string;
  path: string;
  op: Schema;
};

export function operationsOf(doc: Schema): Operation[] {
  return Object.entries(doc.paths as Record<string, Record<string, Schema>>).flatMap(
    ([path, item]) =>
      Object.entries(item).map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
  );
}

export type Built = {
  url: string;
  init: RequestInit;
  /** Shown on failure: what was sent, in words. */
  describe: string;
};

type Who = { label: string; token: string | null };

/** The arbitrary of one request to `o`, as one of `who` (or nobody, or a forged token). */
export function requestArb(o: Operation, pool: Pool, who: () => Who[]): fc.Arbitrary<Built> {
  const params = (o.op.parameters ?? []) as Schema[];
  const pathParams = params.filter((p) => p.in === "path");
  const queryParams = params.filter((p) => p.in === "query");
  const content = o.op.requestBody?.content ?? {};
  const json = content["application/json"]?.schema;
  const form = content["multipart/form-data"]?.schema;

  // An empty, "." or ".." segment is not a value of the parameter: the URL would name
  // another path (and get the 404 of an unknown route).
  const pathArb = fc.record(Object.fromEntries(pathParams.map((p) => [
    p.name,
    fc.oneof(
      { weight: 5, arbitrary: valueOf(p.schema, pool, p.name).map(String) },
      { weight: 1, arbitrary: hostileString },
    ).filter((v) => v !== "" && v !== "." && v !== ".."),
  ]))) as fc.Arbitrary<Record<string, string>>;
  const queryArb = fc.record(Object.fromEntries(queryParams.map((p) => [
    p.name,
    // absent half of the time: a garbage cursor on every request would stop them all at 400
    fc.option(valueOf(p.schema, pool, p.name), { nil: undefined, freq: 2 }),
  ]))) as fc.Arbitrary<Record<string, unknown>>;
  const bodyArb: fc.Arbitrary<{ body?: BodyInit; type?: string; shown: string }> = json
    ? jsonBodyArb(json, pool)
    : form
    ? formBodyArb(form, pool)
    : fc.constant({ shown: "(no body)" });
  const whoArb = fc.oneof(
    { weight: 8, arbitrary: fc.nat().map((i) => who()[i % who().length]) },
    { weight: 1, arbitrary: fc.constant<Who>({ label: "nobody", token: null }) },
    { weight: 1, arbitrary: fc.constant<Who>({ label: "forged", token: FORGED }) },
  );

  return fc.tuple(pathArb, queryArb, bodyArb, whoArb).map(([path, query, body, w]) => {
    let url = o.path.replace(/\{(\w+)\}/g, (_, name) => encodeURIComponent(path[name] ?? ""));
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) {
      if (v !== undefined) q.set(k, typeof v === "string" ? v : JSON.stringify(v));
    }
    if ([...q].length) url += `?${q}`;
    const headers: Record<string, string> = {};
    if (w.token) headers.authorization = `Bearer ${w.token}`;
    if (body.type) headers["content-type"] = body.type;
    const describe = `${o.method} ${url.slice(0, 200)} as ${w.label}: ${body.shown.slice(0, 300)}`;
    // fast-check prints a counterexample with this, not with the whole token and form
    return {
      url,
      init: { method: o.method, headers, body: body.body },
      describe,
      [fc.toStringMethod]: () => describe,
    };
  });
}

// A token of the right shape signed with another secret.
const FORGED = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9." +
  "eyJzdWIiOiIwMDAwMDAwMC0wMDAwLTQwMDAtODAwMC0wMDAwMDAwMDAwMDEiLCJyb2xlIjoiYXV0aGVudGljYXRlZCJ9." +
  "c2lnbmVkLXdpdGgtYW5vdGhlci1zZWNyZXQ";

function jsonBodyArb(schema: Schema, pool: Pool) {
  return fc.oneof(
    { weight: 8, arbitrary: valueOf(schema, pool).map((v) => JSON.stringify(v) ?? "null") },
    // not JSON at all, JSON of another shape, a body past every limit
    {
      weight: 1,
      arbitrary: fc.constantFrom("{", "", "[]", "null", '"x"', "1", `{"a":"${"x".repeat(20000)}"}`),
    },
  ).map((text) => ({ body: text, type: "application/json", shown: text }));
}

// A real photo, so that the upload path is walked to the end, not only its refusals.
const JPEG = await new Image(16, 12).fill(0x808080ff).encodeJPEG(80);

function formBodyArb(schema: Schema, pool: Pool) {
  const props = Object.entries(schema.properties ?? {}) as [string, Schema][];
  const fields = props.map(([name, s]) =>
    s.format === "binary"
      ? fc.option(
        fc.oneof(
          fc.constant(new Blob([JPEG as BlobPart], { type: "image/jpeg" })),
          fc.uint8Array({ maxLength: 2000 }).map((b) =>
            new Blob([b as BlobPart], { type: "image/jpeg" })
          ),
          fc.constant(new Blob(["<html><script>alert(1)</script>"], { type: "image/png" })),
        ),
        { nil: undefined },
      ).map((v) => [name, v] as const)
      : fc.option(valueOf(s, pool, name), { nil: undefined }).map((v) => [name, v] as const)
  );
  return fc.tuple(...fields).map((entries) => {
    const form = new FormData();
    const shown: string[] = [];
    for (const [name, v] of entries) {
      if (v === undefined) continue;
      if (v instanceof Blob) {
        form.set(name, v, "photo.jpg");
        shown.push(`${name}=<${v.size} bytes>`);
      } else {
        form.set(name, typeof v === "string" ? v : JSON.stringify(v));
        shown.push(`${name}=${JSON.stringify(v)}`);
      }
    }
    return { body: form as BodyInit, type: undefined, shown: `form ${shown.join(" ")}` };
  });
}

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;

/** Checks answers against the document. */
export class Checker {
  #ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: true });
  #cache = new Map<string, ReturnType<Ajv2020["compile"]>>();

  constructor(doc: Schema) {
    addFormats(this.#ajv);
    this.#ajv.addSchema({ $id: "doc", components: doc.components ?? {} });
  }

  /** The problem with this answer to `o`, or null. */
  async problem(o: Operation, res: Response): Promise<string | null> {
    const status = res.status;
    const text = await res.text();
    if (status >= 500) return `${status} (server error): ${text.slice(0, 300)}`;
    const documented = o.op.responses?.[String(status)];
    if (!documented) {
      return `${status} is not documented (documented: ${
        Object.keys(o.op.responses ?? {}).join(", ")
      }): ${text.slice(0, 300)}`;
    }
    const type = res.headers.get("content-type") ?? "";
    const media = documented.content ?? {};
    if (media["application/json"]) {
      if (!type.startsWith("application/json")) return `${status} answered ${type}, not JSON`;
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        return `${status} answered invalid JSON: ${text.slice(0, 200)}`;
      }
      const validate = this.#validator(
        `${o.method} ${o.path} ${status}`,
        media["application/json"].schema,
      );
      if (!validate(body)) {
        return `${status} body does not match its schema: ${
          this.#ajv.errorsText(validate.errors)
        } in ${text.slice(0, 300)}`;
      }
      if (status >= 400) {
        const message = (body as { error?: { message?: string } }).error?.message ?? "";
        if (!/[\u4e00-\u9fff]/.test(message)) return `${status} message is not Chinese: ${message}`;
      }
    } else if (media["image/png"] && !type.startsWith("image/png")) {
      return `${status} answered ${type}, not image/png`;
    }
    return null;
  }

  #validator(key: string, schema: Schema) {
    let v = this.#cache.get(key);
    if (!v) {
      v = this.#ajv.compile(rebase(schema));
      this.#cache.set(key, v);
    }
    return v;
  }
}

/** "#/components/…" references, pointed at the registered document. */
function rebase(schema: Schema): Schema {
  return JSON.parse(
    JSON.stringify(schema).replaceAll('"$ref":"#/components/', '"$ref":"doc#/components/'),
  );
}
