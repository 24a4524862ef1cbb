// The response shapes of docs/foundation.md (Session, Me, Department) as zod schemas: they
// type the handlers and generate the OpenAPI document.
import { z } from "@hono/zod-openapi";

export const TileSchema = z.object({
  key: z.string().openapi({ example: "scan" }),
  title: z.string().openapi({ example: "扫一扫" }),
}).openapi("Tile");

export const MeSchema = z.object({
  id: z.string().uuid(),
  phoneMasked: z.string().openapi({ example: "133****1188" }),
  identity: z.object({
    status: z.enum(["unverified", "verified"]),
    name: z.string().nullable(),
    source: z.enum(["registry", "self"]).nullable(),
  }),
  role: z.enum(["unverified", "verified"]),
  tiles: z.array(TileSchema),
}).openapi("Me");

export const SessionSchema = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  expiresIn: z.number().int().openapi({ example: 3600 }),
  user: MeSchema,
}).openapi("Session");

export const DepartmentSchema = z.object({
  id: z.string().uuid(),
  parentId: z.string().uuid().nullable(),
  name: z.string().openapi({ example: "天宁分局" }),
  kind: z.enum(["city", "branch", "county", "station", "brigade"]),
  sort: z.number().int(),
  code: z.string().nullable(),
}).openapi("Department");

export type Me = z.infer<typeof MeSchema>;
export type Session = z.infer<typeof SessionSchema>;
