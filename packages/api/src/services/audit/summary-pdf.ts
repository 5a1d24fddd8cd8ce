import type { PopulationCampaignRow } from "@attest/db/repositories/audit-population";
import PDFDocument from "pdfkit";
import type { SampledItemView } from "./draw-audit-sample";

export interface SummaryOptions {
  title: string;
  createdAt: string;
  /** Lines that say what the package is of (control, period, sample parameters). */
  subjectLines: string[];
  campaigns: readonly PopulationCampaignRow[];
  sample: { items: readonly SampledItemView[] } | null;
  eventCount: number;
  checkpointSize: number;
}

function percent(part: number, whole: number): string {
  return whole === 0 ? "—" : `${((part / whole) * 100).toFixed(1)}%`;
}

/**
 * The package's summary.pdf: what a person reads before (or instead of) the data files —
 * campaigns, population counts, completion, decision mix, exceptions, sign-off, and for a
 * sample each sampled item. Small (a page or a few), so it is rendered into memory.
 */
export function renderSummaryPdf(options: SummaryOptions): Promise<Buffer> {
  const doc = new PDFDocument({ size: "A4", margin: 50, info: { Title: options.title } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  doc.font("Helvetica-Bold").fontSize(16).text(options.title);
  doc.font("Helvetica").fontSize(9).fillColor("#444").text(`Created ${options.createdAt}`);
  doc.moveDown(0.5).fillColor("#000").fontSize(10);
  for (const line of options.subjectLines) doc.text(line);
  doc.moveDown();

  for (const campaign of options.campaigns) {
    const decided = campaign.approve + campaign.revoke + campaign.exception;
    doc.font("Helvetica-Bold").fontSize(12).text(`Campaign: ${campaign.name}`);
    doc.font("Helvetica").fontSize(10);
    doc.text(
      `Control ${campaign.controlId} · status ${campaign.status} · launched ${campaign.launchedAt}`,
    );
    doc.text(`Closed: ${campaign.closedAt ?? "not closed"}`);
    doc.text(`Population: ${campaign.items} review items`);
    doc.text(
      `Completion: ${decided} of ${campaign.items} decided (${percent(decided, campaign.items)})`,
    );
    doc.text(
      `Decision mix: ${campaign.approve} approved, ${campaign.revoke} revoked, ${campaign.exception} exceptions, ${campaign.undecided} undecided`,
    );
    doc.text(`Exceptions: ${campaign.exception}`);
    doc.text(
      campaign.signedOffAt
        ? `Signed off ${campaign.signedOffAt} by ${campaign.signedOffByName ?? "unknown"}: "${campaign.signOffStatement ?? ""}"`
        : "Sign-off: not signed off",
    );
    doc.moveDown();
  }

  if (options.sample) {
    doc.font("Helvetica-Bold").fontSize(12).text(`Sampled items (${options.sample.items.length})`);
    doc.font("Helvetica").fontSize(9);
    for (const [index, item] of options.sample.items.entries()) {
      doc.text(
        `${index + 1}. ${item.identityName} — ${item.systemName} / ${item.entitlementName}: ${item.decision ?? "undecided"}` +
          `${item.decidedAt ? ` on ${item.decidedAt}` : ""}, reviewer ${item.reviewerName} [${item.stratum}] (${item.itemId})`,
      );
    }
    doc.moveDown();
  }

  doc.fontSize(9).fillColor("#444");
  doc.text(
    `${options.eventCount} ledger events with inclusion proofs against the signed checkpoint of tree size ${options.checkpointSize}. ` +
      "Verify offline: npx attest evidence verify <package.zip> --public-key <key>.",
  );
  doc.end();
  return done;
}
