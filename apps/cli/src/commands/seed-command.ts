import { demoSeed, seedDemoOrganisation } from "@attest/api/services/demo/seed-demo-organisation";
import { appRole, type Database } from "@attest/db/database";
import { migrate } from "@attest/db/migrate";
import { demoAnchorDateAt } from "@attest/domain/demo-organisation/generate-demo-organisation";
import type { Output } from "../output";

export interface SeedOptions {
  demo: boolean;
  seed: number | undefined;
  anchorDate: string | undefined;
}

export async function seedCommand(
  db: Database,
  options: SeedOptions,
  output: Output,
): Promise<number> {
  if (!options.demo) {
    output.error("Nothing to seed: pass --demo to load the demo organisation.");
    return 2;
  }
  await migrate(db);
  await db.useRole(appRole);
  const result = await seedDemoOrganisation(db, {
    seed: options.seed ?? demoSeed,
    anchorDate: options.anchorDate ?? demoAnchorDateAt(new Date()),
  });
  if (!result.seeded) {
    output.line("The database already has users; the demo organisation was not loaded again.");
    return 0;
  }
  const counts = Object.entries(result.counts)
    .map(
      ([name, count]) =>
        `${count} ${name.replace(/[A-Z]/g, (letter) => ` ${letter.toLowerCase()}`)}`,
    )
    .join(", ");
  output.line(`Loaded the demo organisation: ${counts}.`);
  return 0;
}
