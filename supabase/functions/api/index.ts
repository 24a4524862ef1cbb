// Entry point of the `api` Edge Function.
import { app } from "./app.ts";

Deno.serve(app.fetch);
