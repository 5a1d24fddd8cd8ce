import type { Queryable } from "@attest/db/database";
import { findUserNames } from "@attest/db/repositories/users";

/**
 * Display names for recorded actors ("user:<id>" → the user's name, "system:<job>" → the job),
 * so pages show who did something rather than an id. Unknown users keep their id.
 */
export async function resolveActorNames(
  db: Queryable,
  actors: Iterable<string>,
): Promise<Map<string, string>> {
  const unique = [...new Set(actors)];
  const userIds = unique
    .filter((actor) => actor.startsWith("user:"))
    .map((actor) => actor.slice("user:".length))
    .filter((id) => /^[0-9a-f-]{36}$/.test(id));
  const names = await findUserNames(db, userIds);
  return new Map(
    unique.map((actor) => {
      if (actor.startsWith("user:"))
        return [actor, names.get(actor.slice("user:".length)) ?? actor];
      if (actor.startsWith("system:")) return [actor, `${actor.slice("system:".length)} (system)`];
      return [actor, actor];
    }),
  );
}
