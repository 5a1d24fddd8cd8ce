import {
  createScimDirectoryInput,
  createScimTokenInput,
  revokeScimTokenInput,
  scimDirectoryRef,
} from "@attest/domain/scim/scim-directory-input";
import { createScimDirectory } from "../../services/scim/create-scim-directory";
import { createScimToken } from "../../services/scim/create-scim-token";
import { listScimDirectories } from "../../services/scim/list-scim-directories";
import { listScimTokens } from "../../services/scim/list-scim-tokens";
import { revokeScimToken } from "../../services/scim/revoke-scim-token";
import { snapshotScimDirectory } from "../../services/scim/snapshot-scim-directory";
import { adminProcedure, router } from "../../trpc";

/** Administration of SCIM provisioning: directories, their bearer tokens, and roll-ups. */
export const scimRouter = router({
  directories: adminProcedure.query(({ ctx }) => listScimDirectories(ctx.db)),

  createDirectory: adminProcedure
    .input(createScimDirectoryInput)
    .mutation(({ ctx, input }) =>
      createScimDirectory(ctx.db, { input, user: ctx.user, now: ctx.now() }),
    ),

  tokens: adminProcedure
    .input(scimDirectoryRef)
    .query(({ ctx, input }) => listScimTokens(ctx.db, input.directoryId)),

  /** Returns the plain token once; only its hash is kept. */
  createToken: adminProcedure
    .input(createScimTokenInput)
    .mutation(({ ctx, input }) =>
      createScimToken(ctx.db, { input, user: ctx.user, now: ctx.now() }),
    ),

  revokeToken: adminProcedure
    .input(revokeScimTokenInput)
    .mutation(({ ctx, input }) =>
      revokeScimToken(ctx.db, { tokenId: input.tokenId, user: ctx.user, now: ctx.now() }),
    ),

  /** Freezes the directory as an inventory snapshot that campaigns can review. */
  snapshotNow: adminProcedure.input(scimDirectoryRef).mutation(({ ctx, input }) =>
    snapshotScimDirectory(ctx.db, {
      directoryId: input.directoryId,
      importedBy: { user: ctx.user.id },
      now: ctx.now,
    }),
  ),
});
