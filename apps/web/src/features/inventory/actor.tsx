import { useSignedInUser } from "@/lib/use-session";

/**
 * Who did something: the name the API resolved for the recorded actor ("user:<id>" or
 * "system:<job>"), with the recorded id in the tooltip; the signed-in person reads "(you)".
 */
export function ActorName({ actor, name }: { actor: string; name: string }) {
  const user = useSignedInUser();
  if (actor === `user:${user.id}`) return <span title={actor}>{user.displayName} (you)</span>;
  return <span title={actor}>{name}</span>;
}
