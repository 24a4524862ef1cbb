// Entry point of the `console` Edge Function: the police console's page and its bundle.
import { app } from "./app.ts";

Deno.serve(app.fetch);
