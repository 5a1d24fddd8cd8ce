import { AppError } from "../../app-error";
import { listDevSignInUsers } from "../../services/session/list-dev-sign-in-users";
import { publicProcedure, router } from "../../trpc";

export const sessionRouter = router({
  /** Who is signed in, or null; the web app asks this first. */
  current: publicProcedure.query(({ ctx }) => ctx.user),

  /** The demo users the development sign-in offers; absent unless ATTEST_DEV_LOGIN=1. */
  devSignInUsers: publicProcedure.query(({ ctx }) => {
    if (!ctx.config.devLogin)
      throw new AppError("not_found", "Development sign-in is not enabled.");
    return listDevSignInUsers(ctx.db);
  }),
});
