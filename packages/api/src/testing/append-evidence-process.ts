// A separate server-like process for the multi-process ledger test:
//   node --import tsx append-evidence-process.ts <database url> <events>
import { randomUUID } from "node:crypto";
import { appRole, openDatabase } from "@attest/db/database";
import { appendEvidence } from "../services/evidence/append-evidence";

const [databaseUrl, count] = process.argv.slice(2);
const db = await openDatabase({ databaseUrl, dataDir: "", poolSize: 4 });
await db.useRole(appRole);
const writers = Array.from({ length: 4 }, async () => {
  for (let index = 0; index < Number(count) / 4; index += 1) {
    const campaignId = randomUUID();
    await db.transaction((tx) =>
      appendEvidence(tx, {
        action: "campaign.status_changed",
        actor: { system: `process-${process.pid}` },
        subjectIds: [campaignId],
        payload: { campaignId, from: "active", to: "closed", statement: null },
      }),
    );
  }
});
await Promise.all(writers);
await db.close();
