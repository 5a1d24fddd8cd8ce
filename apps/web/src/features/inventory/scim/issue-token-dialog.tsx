import { createScimTokenInput } from "@attest/domain/scim/scim-directory-input";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { Button } from "@/components/button";
import { CopyButton } from "@/components/copy-button";
import { Dialog } from "@/components/dialog";
import { InlineAlert } from "@/components/error-state";
import { inputClasses, TextField } from "@/components/form-fields";
import { localFieldErrors, serverErrors } from "@/features/inventory/scim/field-errors";
import { cx } from "@/lib/cx";
import { describeError } from "@/lib/errors";
import { useTRPC } from "@/lib/trpc";

/**
 * Issues a bearer token for a directory. The server returns the secret once and keeps only its
 * hash, so the dialog shows it until it is closed and then forgets it.
 */
export function IssueTokenDialog({
  directory,
  onClose,
}: {
  directory: { id: string; name: string };
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const formId = useId();
  const tokenId = useId();
  const [name, setName] = useState("");
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const issue = useMutation(
    trpc.scim.createToken.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries({
          queryKey: trpc.scim.tokens.queryKey({ directoryId: directory.id }),
        });
        void queryClient.invalidateQueries({ queryKey: trpc.scim.directories.queryKey() });
      },
    }),
  );

  if (issue.data) {
    const { token, tokenRecord } = issue.data;
    return (
      <Dialog
        title={`Token issued: ${tokenRecord.name}`}
        description={
          <>
            For the <span className="font-medium text-slate-900">{directory.name}</span> directory.
          </>
        }
        onClose={onClose}
        footer={
          <Button variant="primary" onClick={onClose}>
            Done
          </Button>
        }
      >
        <div className="space-y-3">
          <p className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm font-medium text-amber-900">
            Copy this token now. It will not be shown again: Attest keeps only its hash.
          </p>
          <div>
            <label htmlFor={tokenId} className="mb-1 block text-xs font-medium text-slate-600">
              Bearer token
            </label>
            <div className="flex items-center gap-2">
              <input
                id={tokenId}
                readOnly
                autoFocus
                value={token}
                onFocus={(event) => event.currentTarget.select()}
                spellCheck={false}
                className={cx(inputClasses, "min-w-0 flex-1 font-mono text-xs")}
              />
              <CopyButton value={token} label="Copy token" />
            </div>
          </div>
          <p className="text-sm text-slate-600">
            Paste it into the identity provider as the bearer token: in Okta, HTTP Header
            authentication; in Entra ID, the Secret Token. If it is lost, revoke it and issue
            another.
          </p>
        </div>
      </Dialog>
    );
  }

  const server = serverErrors(issue.error ? describeError(issue.error) : null, ["name"] as const);
  const nameError = localErrors.name ?? server.fieldErrors.name;

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    const input = { directoryId: directory.id, name: name.trim() };
    const parsed = createScimTokenInput.safeParse(input);
    const errors = parsed.success ? {} : localFieldErrors(parsed.error.issues);
    setLocalErrors(errors);
    issue.reset();
    if (Object.keys(errors).length > 0) return;
    issue.mutate(input);
  };

  return (
    <Dialog
      title="Issue a token"
      description={
        <>
          For the <span className="font-medium text-slate-900">{directory.name}</span> directory.
          The identity provider sends it with every request.
        </>
      }
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" form={formId} variant="primary" disabled={issue.isPending}>
            {issue.isPending ? "Issuing…" : "Issue token"}
          </Button>
        </>
      }
    >
      <form id={formId} onSubmit={handleSubmit} noValidate className="space-y-4">
        {server.general && <InlineAlert>{server.general}</InlineAlert>}
        <TextField
          label="Token name"
          name="name"
          value={name}
          onChange={(event) => setName(event.target.value)}
          placeholder="Okta production"
          autoComplete="off"
          maxLength={200}
          required
          data-autofocus
          error={nameError}
          hint="Who uses it, so you know which token to revoke later."
        />
      </form>
    </Dialog>
  );
}
