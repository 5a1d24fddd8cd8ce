import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Database } from "@attest/db/database";
import type { PopulationInput } from "@attest/domain/audit/audit-input";
import type { SessionUser } from "../../context";
import { appendEvidence } from "../evidence/append-evidence";
import { populationCsvLines, resolvePopulation } from "./get-population";

/**
 * Writes a control's population CSV for a period to outPath (streamed from the database and
 * hashed as it is written), then records the download as audit.population_downloaded with
 * that SHA-256, before the caller sends the file: the ledger holds the hash of exactly the
 * file the auditor received, even while decisions are still being made.
 */
export async function exportPopulationCsv(
  db: Database,
  input: PopulationInput & { user: SessionUser; outPath: string },
) {
  const population = await resolvePopulation(db, input);
  const digest = createHash("sha256");
  let lines = 0;
  const hashing = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      digest.update(chunk);
      callback(null, chunk);
    },
  });
  const partial = `${input.outPath}.partial`;
  try {
    await pipeline(
      Readable.from(
        (async function* () {
          for await (const line of populationCsvLines(db, population.campaigns)) {
            lines += 1;
            yield Buffer.from(line, "utf8");
          }
        })(),
      ),
      hashing,
      createWriteStream(partial),
    );
    await rename(partial, input.outPath);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  const sha256 = digest.digest("hex");
  const rows = lines - 1;
  await db.transaction((tx) =>
    appendEvidence(tx, {
      action: "audit.population_downloaded",
      actor: { user: input.user.id },
      subjectIds: [input.definitionId],
      payload: {
        definitionId: input.definitionId,
        periodStart: input.periodStart,
        periodEnd: input.periodEnd,
        sha256,
        rows,
      },
    }),
  );
  return { control: population.control, sha256, rows, outPath: input.outPath };
}
