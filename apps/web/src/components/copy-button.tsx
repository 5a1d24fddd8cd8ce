import { useEffect, useState } from "react";
import { Button } from "@/components/button";
import { CheckIcon, CopyIcon } from "@/components/icons";
import { cx } from "@/lib/cx";

type CopyState = "idle" | "copied" | "failed";

/**
 * Copies a value to the clipboard and says so for two seconds. With `iconOnly` the label is
 * for screen readers (and the tooltip) only, for copy buttons beside a value in tight spaces.
 */
export function CopyButton({
  value,
  label = "Copy",
  iconOnly = false,
  className,
}: {
  value: string;
  /** What the button copies, e.g. "Copy head hash". */
  label?: string;
  iconOnly?: boolean;
  className?: string;
}) {
  const [state, setState] = useState<CopyState>("idle");

  useEffect(() => {
    if (state === "idle") return;
    const timer = setTimeout(() => setState("idle"), 2000);
    return () => clearTimeout(timer);
  }, [state]);

  const handleCopy = async () => {
    try {
      if (!navigator.clipboard) throw new Error("no clipboard");
      await navigator.clipboard.writeText(value);
      setState("copied");
    } catch {
      setState("failed");
    }
  };

  const text = state === "copied" ? "Copied" : state === "failed" ? "Copy failed" : label;
  return (
    <Button
      size="sm"
      variant={iconOnly ? "ghost" : "secondary"}
      onClick={handleCopy}
      title={iconOnly ? text : undefined}
      className={cx(iconOnly && "size-8 px-0 text-slate-500", className)}
    >
      {state === "copied" ? (
        <CheckIcon className="size-4 text-emerald-600" />
      ) : (
        <CopyIcon className="size-4" />
      )}
      <span className={iconOnly ? "sr-only" : undefined}>{text}</span>
    </Button>
  );
}
