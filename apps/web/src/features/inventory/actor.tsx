import { useSignedInUser } from "@/lib/use-session";

/**
 * Who did something, as the API records it: "user:<id>", "system:<name>", or (older records) a
 * name. The API does not resolve user ids to names here, so only the signed-in person is named.
 */
export function ActorName({ actor }: { actor: string }) {
  const user = useSignedInUser();
  if (actor === `user:${user.id}`) return <span title={actor}>{user.displayName} (you)</span>;
  if (actor.startsWith("user:")) {
    const id = actor.slice("user:".length);
    // The end of the id: enough to tell two users apart, the whole id is in the tooltip.
    return (
      <span title={actor}>
        User <span className="font-mono text-xs">…{id.slice(-6)}</span>
      </span>
    );
  }
  if (actor.startsWith("system:")) {
    return <span title={actor}>{actor.slice("system:".length)} (system)</span>;
  }
  return <span>{actor}</span>;
}
