import { useQuery } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { Button } from "@/components/button";
import { Card } from "@/components/card";
import { CopyButton } from "@/components/copy-button";
import { EmptyState } from "@/components/empty-state";
import { ErrorState } from "@/components/error-state";
import { LoadingState } from "@/components/loading-state";
import { PageHeader } from "@/components/page-header";
import { AddDirectoryDialog } from "@/features/inventory/scim/add-directory-dialog";
import { ScimDirectoryCard } from "@/features/inventory/scim/scim-directory-card";
import { useTRPC } from "@/lib/trpc";

/** Snapshots of a directory are named "scim:<name>" (docs/scim.md). */
const snapshotSource = (directoryName: string) => `scim:${directoryName}`;

/** Enough of the snapshot history to find each directory's latest roll-up. */
const snapshotsSearched = 200;

/**
 * SCIM provisioning for administrators: the directories identity providers push into, their
 * bearer tokens, and the roll-up of a directory into a snapshot that campaigns review.
 */
export function IdentityProvidersPage() {
  const trpc = useTRPC();
  const addButtonRef = useRef<HTMLButtonElement>(null);
  const [adding, setAdding] = useState(false);
  const [announcement, setAnnouncement] = useState("");
  const directories = useQuery(trpc.scim.directories.queryOptions());
  const anyRolledUp = directories.data?.some((directory) => directory.lastSnapshotAt) ?? false;
  const snapshots = useQuery({
    ...trpc.inventory.snapshots.queryOptions({ limit: snapshotsSearched }),
    enabled: anyRolledUp,
  });
  const latestSnapshotOf = (directoryName: string) =>
    snapshots.data?.find((snapshot) => snapshot.source === snapshotSource(directoryName))?.id ??
    null;

  const openAdd = () => {
    setAnnouncement("");
    setAdding(true);
  };

  return (
    <>
      <PageHeader
        back={{ to: "/inventory", label: "Inventory" }}
        title="Identity providers"
        description="Okta, Entra ID or any SCIM 2.0 identity provider pushes people and group memberships into a directory here. Attest snapshots a directory once it has been quiet for a few minutes, or when you press Snapshot now."
        actions={
          directories.data && directories.data.length > 0 ? (
            <Button ref={addButtonRef} variant="primary" onClick={openAdd}>
              Add directory
            </Button>
          ) : undefined
        }
      />
      <p role="status" aria-live="polite" className="sr-only">
        {announcement}
      </p>
      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="min-w-0 space-y-6">
          {directories.isPending ? (
            <Card title="Directories">
              <LoadingState label="Loading directories" rows={4} columns={5} />
            </Card>
          ) : directories.isError ? (
            <Card>
              <ErrorState
                title="The directories could not be loaded"
                error={directories.error}
                onRetry={() => directories.refetch()}
              />
            </Card>
          ) : directories.data.length === 0 ? (
            <Card>
              <EmptyState
                title="No identity provider is connected yet"
                description="Add a directory for your identity provider, issue it a token, then paste the SCIM base URL and the token into the identity provider's provisioning settings. People and groups arrive as it pushes them."
                action={
                  <Button ref={addButtonRef} variant="primary" onClick={openAdd}>
                    Add a directory
                  </Button>
                }
              />
            </Card>
          ) : (
            directories.data.map((directory) => (
              <ScimDirectoryCard
                key={directory.id}
                directory={directory}
                lastSnapshotId={latestSnapshotOf(directory.name)}
              />
            ))
          )}
        </div>
        <ConnectionGuide />
      </div>
      {adding && (
        <AddDirectoryDialog
          onClose={() => setAdding(false)}
          fallbackFocus={() => addButtonRef.current}
          onAdded={(directory) => {
            setAdding(false);
            setAnnouncement(`Added the ${directory.name} directory. Issue it a token next.`);
          }}
        />
      )}
    </>
  );
}

function ConnectionGuide() {
  const baseUrl = `${window.location.origin}/scim/v2`;
  return (
    <aside className="space-y-4 lg:sticky lg:top-20">
      <Card title="SCIM base URL" bodyClassName="space-y-2 p-4 text-sm text-slate-600">
        <div className="flex items-center gap-2 rounded-md bg-slate-50 py-1 pr-1 pl-3 ring-1 ring-slate-200 ring-inset">
          <code className="min-w-0 flex-1 font-mono text-xs break-all text-slate-900">
            {baseUrl}
          </code>
          <CopyButton value={baseUrl} label="Copy SCIM base URL" iconOnly />
        </div>
        <p>Every request needs the directory&apos;s token as an HTTP bearer token.</p>
      </Card>
      <Card title="Connecting an identity provider" bodyClassName="p-4 text-sm text-slate-700">
        <ol className="list-decimal space-y-2 pl-5">
          <li>Add a directory for the connection, e.g. okta.</li>
          <li>Issue it a token and copy it: it is shown once.</li>
          <li>
            <span className="font-medium text-slate-900">Okta</span>: Provisioning → Integration.
            SCIM connector base URL is the URL above; unique identifier userName; authentication
            HTTP Header with the token.
          </li>
          <li>
            <span className="font-medium text-slate-900">Entra ID</span>: Provisioning → Automatic.
            Tenant URL is the URL above; Secret Token is the token.
          </li>
          <li>
            Attest snapshots the directory once changes stop for a few minutes; press Snapshot now
            to include the latest changes at once.
          </li>
        </ol>
      </Card>
    </aside>
  );
}
