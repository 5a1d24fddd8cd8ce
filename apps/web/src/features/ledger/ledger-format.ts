const numberFormat = new Intl.NumberFormat("en-GB");

export const formatCount = (value: number) => numberFormat.format(value);

/** "1 event", "541 events". */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${formatCount(count)} ${count === 1 ? singular : pluralForm}`;
}

/** The first and last characters of a hash, enough to compare by eye: "a1b2c3d4e5…9f8e7d6c". */
export function shortHash(hash: string, head = 10, tail = 8): string {
  if (hash.length <= head + tail + 1) return hash;
  return `${hash.slice(0, head)}…${tail > 0 ? hash.slice(-tail) : ""}`;
}

/** A verifier's reason ("hash does not match the event's content") as a sentence. */
export function asSentence(reason: string): string {
  const trimmed = reason.trim();
  if (!trimmed) return "No reason was given.";
  const capitalised = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}

export interface ActorDisplay {
  name: string;
  /** A job ("system:seed") rather than a person. */
  system: boolean;
}

/** "user:…" actors carry the person's name; "system:seed" is shown as "seed" with a badge. */
export function describeActor(actor: string, actorName: string): ActorDisplay {
  if (actor.startsWith("system:")) return { name: actor.slice("system:".length), system: true };
  return { name: actorName, system: false };
}
