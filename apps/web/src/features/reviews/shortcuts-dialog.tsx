import { Dialog } from "@/components/dialog";

export const queueShortcuts: { keys: string[]; action: string }[] = [
  { keys: ["j", "k"], action: "Next / previous item" },
  { keys: ["Shift", "j / k"], action: "Extend the selection down / up" },
  { keys: ["x"], action: "Select or unselect the item" },
  { keys: ["Enter", "o"], action: "Open the item's context" },
  { keys: ["a"], action: "Approve" },
  { keys: ["r"], action: "Revoke" },
  { keys: ["e"], action: "Approve as an exception" },
  { keys: ["/"], action: "Search" },
  { keys: ["?"], action: "This list" },
  { keys: ["Esc"], action: "Close the context or a dialog" },
];

export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose}>
      <dl className="divide-y divide-slate-100 text-sm">
        {queueShortcuts.map((shortcut) => (
          <div key={shortcut.action} className="flex items-center justify-between gap-4 py-2">
            <dt className="flex gap-1">
              {shortcut.keys.map((key) => (
                <kbd
                  key={key}
                  className="rounded border border-slate-300 bg-slate-50 px-1.5 font-mono text-xs text-slate-800"
                >
                  {key}
                </kbd>
              ))}
            </dt>
            <dd className="text-slate-700">{shortcut.action}</dd>
          </div>
        ))}
      </dl>
    </Dialog>
  );
}
