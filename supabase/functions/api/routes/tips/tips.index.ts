// /api/tips
import { newApp } from "../../../_shared/openapi.ts";
import * as handlers from "./tips.handlers.ts";
import * as routes from "./tips.routes.ts";

export default newApp()
  .openapi(routes.categories, handlers.categories)
  .openapi(routes.create, handlers.create)
  .openapi(routes.mine, handlers.mine)
  .openapi(routes.show, handlers.show)
  .openapi(routes.reply, handlers.reply)
  .openapi(routes.accept, handlers.accept)
  .openapi(routes.close, handlers.close)
  .openapi(routes.refuse, handlers.refuse)
  .openapi(routes.reassign, handlers.reassign)
  .openapi(routes.blacklist, handlers.blacklist);
