import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { join } from "node:path";

/** A small deterministic PRNG (mulberry32), so every run imports the same files. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function writeLines(path: string, lines: Iterable<string>): Promise<void> {
  const out = createWriteStream(path);
  for (const line of lines) {
    if (!out.write(`${line}\n`)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
}

export interface GeneratedInventory {
  identities: string;
  access: string;
  grants: number;
}

/**
 * An identities file and one flat access export with `grants` rows (about 100 bytes each):
 * people on 25 systems, 80 entitlements per system, two grants per account.
 */
export async function generateInventory(dir: string, grants: number): Promise<GeneratedInventory> {
  const next = random(2026);
  const people = Math.max(10, Math.round(grants / 20));
  const identities = join(dir, "identities.csv");
  await writeLines(
    identities,
    (function* () {
      yield "external_id,kind,display_name,email,department,manager_id,status";
      for (let index = 0; index < people; index += 1) {
        const manager = index === 0 ? "" : `P${Math.floor((index - 1) / 8)}`;
        yield `P${index},employee,Person ${index},person.${index}@bench.example,Dept ${index % 40},${manager},${next() < 0.01 ? "terminated" : "active"}`;
      }
    })(),
  );
  const access = join(dir, "access-export.csv");
  await writeLines(
    access,
    (function* () {
      yield "identity,account,system,entitlement,privileged,granted_at,granted_by,ticket,last_used_at";
      let written = 0;
      for (let account = 0; written < grants; account += 1) {
        const person = account % people;
        const system = `sys-${String(Math.floor(account / people) % 25).padStart(2, "0")}`;
        const username = `person.${person}.${Math.floor(account / (people * 25))}`;
        const first = Math.floor(next() * 80);
        for (const entitlement of [first, (first + 1 + Math.floor(next() * 79)) % 80]) {
          if (written >= grants) break;
          const privileged = entitlement < 10;
          const month = String(1 + Math.floor(next() * 12)).padStart(2, "0");
          const ticket = next() < 0.97 ? `REQ-${100000 + written}` : "";
          yield `P${person},${username},${system},ent-${entitlement},${privileged},2025-${month}-15,P${Math.floor(person / 8)},${ticket},2026-11-${String(1 + Math.floor(next() * 26)).padStart(2, "0")}`;
          written += 1;
        }
      }
    })(),
  );
  return { identities, access, grants };
}
