import { type MouseEvent, useState } from "react";
import { buttonClasses } from "@/components/button";
import { InlineAlert } from "@/components/error-state";
import { DownloadIcon, SpinnerIcon } from "@/components/icons";
import { downloadFile, saveFile, TransferError } from "@/lib/file-transfer";

/**
 * A link to a file the server generates. A plain click fetches it first, so a refusal shows as
 * a sentence here instead of a saved error page; opening it in a new tab still works.
 */
export function DownloadLink({
  href,
  fallbackName,
  children,
}: {
  href: string;
  fallbackName: string;
  children: string;
}) {
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({
    busy: false,
    error: null,
  });

  const handleClick = async (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || event.button !== 0) {
      return;
    }
    event.preventDefault();
    if (state.busy) return;
    setState({ busy: true, error: null });
    try {
      const file = await downloadFile(href, { fallbackName });
      saveFile(file.blob, file.fileName);
      setState({ busy: false, error: null });
    } catch (error) {
      setState({
        busy: false,
        error: error instanceof TransferError ? error.message : "The download failed.",
      });
    }
  };

  return (
    <div className="flex flex-col items-end gap-2">
      <a
        href={href}
        download={fallbackName}
        onClick={handleClick}
        aria-busy={state.busy || undefined}
        className={buttonClasses("secondary", "sm")}
      >
        {state.busy ? (
          <SpinnerIcon className="size-4 animate-spin" />
        ) : (
          <DownloadIcon className="size-4" />
        )}
        {children}
      </a>
      {state.error && (
        <InlineAlert onDismiss={() => setState({ busy: false, error: null })}>
          {state.error}
        </InlineAlert>
      )}
    </div>
  );
}
