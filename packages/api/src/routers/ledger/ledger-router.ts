import { createCheckpoint } from "../../services/evidence/create-checkpoint";
import { getLedgerStatus } from "../../services/evidence/ledger-status";
import { verifyLedger } from "../../services/evidence/verify-ledger";
import { adminProcedure, procedureFor, router } from "../../trpc";

const ledgerReaders = procedureFor("admin", "auditor");

export const ledgerRouter = router({
  status: ledgerReaders.query(({ ctx }) => getLedgerStatus(ctx.db, ctx.ledger.signer)),

  /** Recomputes the live chain and every signed checkpoint server-side; changes nothing. */
  verification: ledgerReaders.query(({ ctx }) => verifyLedger(ctx.db, ctx.ledger.signer, ctx.now)),

  checkpointNow: adminProcedure.mutation(async ({ ctx }) => {
    const checkpoint = await createCheckpoint(ctx.db, ctx.ledger);
    return checkpoint ? { treeSize: checkpoint.treeSize, createdAt: checkpoint.createdAt } : null;
  }),
});
