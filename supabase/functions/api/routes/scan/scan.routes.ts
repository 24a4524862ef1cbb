import { z } from "@hono/zod-openapi";
import { jsonBody, jsonResponse, signedInRoute } from "../../../_shared/openapi.ts";
import { plainText } from "../../../_shared/validation.ts";
import { ScanResultSchema } from "../../schemas.ts";

export const scan = signedInRoute({
  method: "post",
  path: "/",
  summary: "扫一扫：识别本平台的二维码（单位码、审核二维码、巡区二维码）及可执行的操作",
  tags: ["scan"],
  request: {
    body: jsonBody(z.object({
      code: plainText("二维码内容", { missing: "缺少二维码内容" }).max(2000, {
        error: "二维码内容过长",
      }),
    })),
  },
  responses: { 200: jsonResponse(ScanResultSchema, "识别结果") },
  errors: [400],
});
