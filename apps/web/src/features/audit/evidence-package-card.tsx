import { buttonClasses } from "@/components/button";
import { Card } from "@/components/card";
import { CopyButton } from "@/components/copy-button";
import { DownloadIcon } from "@/components/icons";
import { verifyCommand } from "@/features/audit/audit-format";

export interface EvidencePackage {
  /** "sample", "campaign" or "period": what the package holds. */
  label: string;
  href: string;
  fileName: string;
}

/**
 * Evidence package downloads, streamed by the server straight to disk (a plain link: the
 * browser never holds the zip in memory), and the command that verifies one offline.
 */
export function EvidencePackageCard({ packages }: { packages: readonly EvidencePackage[] }) {
  const first = packages[0];
  return (
    <Card
      title="Evidence package"
      description="A zip with the records (CSV and JSON), their ledger events, inclusion proofs, signed checkpoints, the public key, a signed manifest and a PDF summary. Each download is recorded as evidence."
    >
      <div className="space-y-4 px-4 py-4">
        <div className="flex flex-wrap gap-2">
          {packages.map((evidencePackage) => (
            <a
              key={evidencePackage.href}
              href={evidencePackage.href}
              download={evidencePackage.fileName}
              className={buttonClasses("secondary")}
            >
              <DownloadIcon className="size-4" />
              Download {evidencePackage.label} package
            </a>
          ))}
        </div>
        {first && (
          <div>
            <p className="text-sm text-slate-700">
              Verify it offline, without access to Attest, from the repository or any machine with
              the CLI:
            </p>
            <div className="mt-2 flex flex-wrap items-center gap-2 rounded-md bg-slate-900 px-3 py-2">
              <code className="min-w-0 flex-1 font-mono text-xs break-all text-slate-100">
                {verifyCommand(first.fileName)}
              </code>
              <CopyButton value={verifyCommand(first.fileName)} label="Copy verify command" />
            </div>
            <p className="mt-2 text-xs text-slate-600">
              It checks every file's SHA-256 against the signed manifest, every event's hash and
              every inclusion proof against a signed checkpoint, and names the first file or event
              that does not verify. Add <code className="font-mono">--public-key key.pem</code> to
              check against a key you obtained separately.
            </p>
          </div>
        )}
      </div>
    </Card>
  );
}

export function samplePackage(sampleId: string): EvidencePackage {
  return {
    label: "sample",
    href: `/api/audit/packages/sample/${sampleId}.zip`,
    fileName: `attest-sample-${sampleId}.zip`,
  };
}

export function campaignPackage(campaignId: string): EvidencePackage {
  return {
    label: "campaign",
    href: `/api/audit/packages/campaign/${campaignId}.zip`,
    fileName: `attest-campaign-${campaignId}.zip`,
  };
}

export function periodPackage(period: {
  definitionId: string;
  controlId: string;
  periodStart: string;
  periodEnd: string;
}): EvidencePackage {
  const query = new URLSearchParams({
    definitionId: period.definitionId,
    periodStart: period.periodStart,
    periodEnd: period.periodEnd,
  });
  return {
    label: "period",
    href: `/api/audit/packages/period.zip?${query}`,
    fileName: `attest-period-${fileSafe(period.controlId)}-${period.periodStart}-${period.periodEnd}.zip`,
  };
}

/** As the server names files: characters outside [A-Za-z0-9._-] become "_". */
export function fileSafe(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]/g, "_");
}
