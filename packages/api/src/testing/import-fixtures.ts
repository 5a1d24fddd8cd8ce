import { writeFile } from "node:fs/promises";
import { join } from "node:path";

export interface ProblemFiles {
  files: { name: string; path: string }[];
  /** Problems in the order the importer finds them: one per access row, from row 2 on. */
  expected: { severity: "error" | "warning"; row: number }[];
}

/**
 * An identities file and an access export whose every row is a problem: `warnings` privileged
 * grants without a ticket and `errors` rows with an unreadable date, interleaved, so an import
 * of them finds more problems than a report's JSON lists.
 */
export async function writeProblemFiles(
  dir: string,
  counts: { warnings: number; errors: number },
): Promise<ProblemFiles> {
  const identities = join(dir, "identities.csv");
  await writeFile(identities, "external_id,kind,display_name\nE1,employee,Ann Archer\n");
  const lines = ["identity,account,system,entitlement,privileged,granted_at,ticket"];
  const expected: ProblemFiles["expected"] = [];
  let { warnings, errors } = counts;
  while (warnings + errors > 0) {
    // Every third row is an error while both last, so errors and warnings alternate in the file.
    const error = errors > 0 && (warnings === 0 || lines.length % 3 === 0);
    const row = lines.length + 1;
    if (error) {
      lines.push(`E1,bad.${row},erp,admin,true,10/06/2025,`);
      errors -= 1;
    } else {
      lines.push(`E1,user.${row},erp,admin,true,2025-06-10,`);
      warnings -= 1;
    }
    expected.push({ severity: error ? "error" : "warning", row });
  }
  const access = join(dir, "access.csv");
  await writeFile(access, `${lines.join("\n")}\n`);
  return {
    files: [
      { name: "identities.csv", path: identities },
      { name: "access.csv", path: access },
    ],
    expected,
  };
}
