import { createScimDirectoryInput } from "@attest/domain/scim/scim-directory-input";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { Button } from "@/components/button";
import { Dialog } from "@/components/dialog";
import { InlineAlert } from "@/components/error-state";
import { TextField } from "@/components/form-fields";
import { localFieldErrors, serverErrors } from "@/features/inventory/scim/field-errors";
import { describeError } from "@/lib/errors";
import { type RouterOutputs, useTRPC } from "@/lib/trpc";

type ScimDirectory = RouterOutputs["scim"]["createDirectory"];

const fields = ["name", "systemKey", "systemName"] as const;

/** Adds a directory an identity provider pushes into; the server's field errors show beside each field. */
export function AddDirectoryDialog({
  onClose,
  onAdded,
  fallbackFocus,
}: {
  onClose: () => void;
  onAdded: (directory: ScimDirectory) => void;
  /** Where focus goes when the button that opened the dialog has gone (the empty state's). */
  fallbackFocus: () => HTMLElement | null;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const formId = useId();
  const [name, setName] = useState("");
  const [systemKey, setSystemKey] = useState("");
  const [systemName, setSystemName] = useState("");
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const create = useMutation(
    trpc.scim.createDirectory.mutationOptions({
      onSuccess: async (directory) => {
        // The list shows the new directory before the dialog closes, so focus has somewhere to go.
        await queryClient.invalidateQueries({ queryKey: trpc.scim.directories.queryKey() });
        onAdded(directory);
      },
    }),
  );
  const server = serverErrors(create.error ? describeError(create.error) : null, fields);
  const errorOf = (field: (typeof fields)[number]) =>
    localErrors[field] ?? server.fieldErrors[field];

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    const input = {
      name: name.trim(),
      systemKey: systemKey.trim() || undefined,
      systemName: systemName.trim() || undefined,
    };
    // The schema the server validates with: the name's format is checked before sending.
    const parsed = createScimDirectoryInput.safeParse(input);
    const errors = parsed.success ? {} : localFieldErrors(parsed.error.issues);
    if (!input.name) errors.name = "Name the directory, e.g. okta.";
    setLocalErrors(errors);
    create.reset();
    if (Object.keys(errors).length > 0) return;
    create.mutate(input);
  };

  return (
    <Dialog
      title="Add a directory"
      description="One directory per identity provider connection. The identity provider can push into it once it has a token."
      onClose={onClose}
      fallbackFocus={fallbackFocus}
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" form={formId} variant="primary" disabled={create.isPending}>
            {create.isPending ? "Adding…" : "Add directory"}
          </Button>
        </>
      }
    >
      <form id={formId} onSubmit={handleSubmit} noValidate className="space-y-4">
        {server.general && <InlineAlert>{server.general}</InlineAlert>}
        <TextField
          label="Name (required)"
          name="name"
          value={name}
          onChange={(event) => setName(event.target.value)}
          placeholder="okta"
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          maxLength={63}
          required
          data-autofocus
          error={errorOf("name")}
          hint={
            <>
              Lower-case letters, digits, _ or -. Snapshots of this directory are named{" "}
              <code className="font-mono">scim:{name.trim() || "name"}</code>.
            </>
          }
        />
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label="System key (optional)"
            name="systemKey"
            value={systemKey}
            onChange={(event) => setSystemKey(event.target.value)}
            placeholder={name.trim() || "okta"}
            autoComplete="off"
            maxLength={200}
            error={errorOf("systemKey")}
            hint="The system its group memberships are grants on. Defaults to the name."
          />
          <TextField
            label="System name (optional)"
            name="systemName"
            value={systemName}
            onChange={(event) => setSystemName(event.target.value)}
            placeholder="Okta"
            autoComplete="off"
            maxLength={200}
            error={errorOf("systemName")}
            hint="What reviewers read. Defaults to the name."
          />
        </div>
      </form>
    </Dialog>
  );
}
