import { roleLabels } from "@attest/domain/access/roles";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { Badge } from "@/components/badge";
import { Card } from "@/components/card";
import { EmptyState } from "@/components/empty-state";
import { ErrorState, InlineAlert } from "@/components/error-state";
import { AlertIcon, ShieldCheckIcon } from "@/components/icons";
import { LoadingState } from "@/components/loading-state";
import { SearchInput } from "@/components/search-input";
import { type DevSignInUser, groupUsersByRole } from "@/features/auth/group-users";
import { signIn } from "@/lib/auth";
import { describeError } from "@/lib/errors";
import { landingPathFor, safeNextPath } from "@/lib/roles";
import { trpcErrorCode, useTRPC } from "@/lib/trpc";
import { useSession } from "@/lib/use-session";

export function SignInPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const next = safeNextPath(searchParams.get("next"));
  const session = useSession();
  const [filter, setFilter] = useState("");
  const users = useQuery(trpc.session.devSignInUsers.queryOptions());

  const signInMutation = useMutation({
    mutationFn: (user: DevSignInUser) => signIn(user.id),
    onSuccess: async (user) => {
      const sessionKey = trpc.session.current.queryKey();
      // Whatever the previous person loaded is not theirs to see.
      queryClient.removeQueries({
        predicate: (query) => JSON.stringify(query.queryKey) !== JSON.stringify(sessionKey),
      });
      queryClient.setQueryData(sessionKey, user);
      void queryClient.invalidateQueries({ queryKey: sessionKey });
      navigate(next ?? landingPathFor(user.roles), { replace: true });
    },
  });

  const notConfigured = users.isError && trpcErrorCode(users.error) === "NOT_FOUND";

  return (
    <div className="min-h-screen bg-slate-50">
      <main className="mx-auto max-w-5xl px-4 py-10 md:px-6">
        <div className="mb-8 flex items-center gap-2 text-slate-900">
          <ShieldCheckIcon className="size-7 text-accent-600" />
          <span className="text-lg font-semibold tracking-tight">Attest</span>
        </div>

        {notConfigured ? (
          <Card>
            <EmptyState
              headingLevel={1}
              title="Sign-in is not configured on this server"
              description="This server offers no development sign-in, and single sign-on through your identity provider is not set up yet. Ask the person who runs Attest to configure it."
            />
          </Card>
        ) : (
          <>
            <header className="mb-6">
              <h1 className="text-2xl font-semibold tracking-tight text-slate-900">
                Development sign-in
              </h1>
              <div className="mt-3 flex items-start gap-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2.5 text-sm text-amber-900">
                <AlertIcon className="mt-0.5 size-4 shrink-0" />
                <p>
                  For development and demos only: this server was started with{" "}
                  <code className="rounded bg-amber-100 px-1 font-mono text-xs">
                    ATTEST_DEV_LOGIN=1
                  </code>
                  , so you can act as any demo user without a password. Real deployments sign in
                  through your identity provider.
                </p>
              </div>
              {session.data && (
                <p className="mt-3 text-sm text-slate-600">
                  You are signed in as{" "}
                  <span className="font-medium text-slate-900">{session.data.displayName}</span>.{" "}
                  <Link
                    to={next ?? landingPathFor(session.data.roles)}
                    className="font-medium text-accent-700 underline-offset-2 hover:underline"
                  >
                    Continue as {session.data.displayName}
                  </Link>
                </p>
              )}
            </header>

            {signInMutation.isError && (
              <div className="mb-4">
                <InlineAlert onDismiss={() => signInMutation.reset()}>
                  Sign-in failed: {describeError(signInMutation.error).message}
                </InlineAlert>
              </div>
            )}

            <Card
              title="Choose a demo user"
              description={
                users.data
                  ? `${users.data.length} users. Someone with several roles appears under each.`
                  : "Pick who you want to act as."
              }
              actions={
                <SearchInput
                  label="Filter users"
                  placeholder="Filter by name or email"
                  value={filter}
                  onChange={setFilter}
                />
              }
            >
              {users.isPending ? (
                <LoadingState label="Loading demo users" rows={8} columns={3} />
              ) : users.isError ? (
                <ErrorState
                  title="Demo users could not be loaded"
                  error={users.error}
                  onRetry={() => users.refetch()}
                />
              ) : (
                <UserGroups
                  users={users.data}
                  filter={filter}
                  pendingUserId={signInMutation.isPending ? signInMutation.variables.id : null}
                  onSignIn={(user) => signInMutation.mutate(user)}
                />
              )}
            </Card>
          </>
        )}
      </main>
    </div>
  );
}

function UserGroups({
  users,
  filter,
  pendingUserId,
  onSignIn,
}: {
  users: DevSignInUser[];
  filter: string;
  pendingUserId: string | null;
  onSignIn: (user: DevSignInUser) => void;
}) {
  const groups = groupUsersByRole(users, filter);
  if (groups.every((group) => group.users.length === 0)) {
    return (
      <EmptyState
        title={filter ? "No user matches that filter" : "There are no demo users"}
        description={
          filter
            ? "Try part of a first name, last name or email address."
            : "Seed the demo organisation (attest seed) and reload."
        }
      />
    );
  }
  return (
    <div className="divide-y divide-slate-200">
      {groups.map((group) => (
        <section key={group.role} aria-labelledby={`group-${group.role}`} className="px-4 py-4">
          <h2
            id={`group-${group.role}`}
            className="mb-2 flex items-baseline gap-2 text-sm font-semibold text-slate-900"
          >
            {group.title}
            <span className="text-xs font-normal text-slate-500 tabular-nums">
              {group.users.length}
            </span>
          </h2>
          {group.users.length === 0 ? (
            <p className="text-sm text-slate-500">No {group.title.toLowerCase()} match.</p>
          ) : (
            <ul className="grid gap-1.5 sm:grid-cols-2 lg:grid-cols-3">
              {group.users.map((user) => (
                <li key={user.id}>
                  <button
                    type="button"
                    onClick={() => onSignIn(user)}
                    disabled={pendingUserId !== null}
                    aria-label={`Sign in as ${user.displayName}`}
                    aria-describedby={`${group.role}-${user.id}-details`}
                    className="flex w-full items-center gap-3 rounded-md border border-slate-200 bg-white px-3 py-2 text-left transition-colors hover:border-accent-200 hover:bg-accent-50 disabled:cursor-wait disabled:opacity-60"
                  >
                    <span className="min-w-0 flex-1">
                      <span className="block truncate text-sm font-medium text-slate-900">
                        {user.displayName}
                      </span>
                      <span
                        id={`${group.role}-${user.id}-details`}
                        className="block truncate text-xs text-slate-500"
                      >
                        {user.email}
                        <span className="sr-only">
                          , {user.roles.map((role) => roleLabels[role]).join(", ")}
                        </span>
                      </span>
                    </span>
                    {pendingUserId === user.id ? (
                      <span className="text-xs text-slate-500">Signing in…</span>
                    ) : (
                      user.roles.length > 1 && (
                        <span
                          aria-hidden="true"
                          className="flex shrink-0 flex-wrap justify-end gap-1"
                        >
                          {user.roles.map((role) => (
                            <Badge key={role} tone={role === group.role ? "accent" : "neutral"}>
                              {roleLabels[role]}
                            </Badge>
                          ))}
                        </span>
                      )
                    )}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </div>
  );
}
