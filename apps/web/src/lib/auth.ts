import type { RouterOutputs } from "@/lib/trpc";

export type SessionUser = NonNullable<RouterOutputs["session"]["current"]>;

async function readMessage(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { message?: unknown };
    if (typeof body.message === "string" && body.message) return body.message;
  } catch {
    // Not JSON: fall through to the generic sentence.
  }
  return `The server refused the request (HTTP ${response.status}).`;
}

/** Starts a development session as the given demo user; the server sets the session cookie. */
export async function signIn(userId: string): Promise<SessionUser> {
  const response = await fetch("/auth/dev/sign-in", {
    method: "POST",
    credentials: "same-origin",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ userId }),
  });
  if (!response.ok) throw new Error(await readMessage(response));
  const body = (await response.json()) as { user: SessionUser };
  return body.user;
}

export async function signOut(): Promise<void> {
  const response = await fetch("/auth/sign-out", { method: "POST", credentials: "same-origin" });
  if (!response.ok) throw new Error(await readMessage(response));
}
