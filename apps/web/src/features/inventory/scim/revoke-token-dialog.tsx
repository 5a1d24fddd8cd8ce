import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Button } from "@/components/button";
import { Dialog } from "@/components/dialog";
import { InlineAlert } from "@/components/error-state";
import { describeError } from "@/lib/errors";
import { useTRPC } from "@/lib/trpc";

/** Asks before revoking, naming the token: the identity provider using it stops at once. */
export function RevokeTokenDialog({
  token,
  directoryName,
  onClose,
  onRevoked,
  fallbackFocus,
}: {
  token: { id: string; name: string; directoryId: string };
  directoryName: string;
  onClose: () => void;
  onRevoked: () => void;
  fallbackFocus: () => HTMLElement | null;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const revoke = useMutation(
    trpc.scim.revokeToken.mutationOptions({
      onSettled: () => {
        void queryClient.invalidateQueries({
          queryKey: trpc.scim.tokens.queryKey({ directoryId: token.directoryId }),
        });
        void queryClient.invalidateQueries({ queryKey: trpc.scim.directories.queryKey() });
      },
      onSuccess: onRevoked,
    }),
  );

  return (
    <Dialog
      title={`Revoke “${token.name}”?`}
      onClose={onClose}
      fallbackFocus={fallbackFocus}
      footer={
        <>
          <Button onClick={onClose} data-autofocus>
            Cancel
          </Button>
          <Button
            variant="danger"
            disabled={revoke.isPending}
            onClick={() => revoke.mutate({ tokenId: token.id })}
          >
            {revoke.isPending ? "Revoking…" : "Revoke token"}
          </Button>
        </>
      }
    >
      <div className="space-y-3 text-sm text-slate-700">
        {revoke.error && (
          <InlineAlert>
            The token was not revoked. {describeError(revoke.error).message}
          </InlineAlert>
        )}
        <p>
          The next request the identity provider sends with{" "}
          <span className="font-medium text-slate-900">{token.name}</span> is refused, and
          provisioning into <span className="font-medium text-slate-900">{directoryName}</span>{" "}
          stops until it has a new token.
        </p>
        <p>This cannot be undone. The directory&apos;s users and groups stay as they are.</p>
      </div>
    </Dialog>
  );
}
