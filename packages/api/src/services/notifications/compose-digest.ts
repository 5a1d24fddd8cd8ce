import type { NotificationKind } from "@attest/domain/campaigns/notification-schedule";

export interface DigestCampaign {
  id: string;
  name: string;
  dueAt: string;
}

/** What one mail says; rebuilt from the recorded notifications when a send is retried. */
export type Digest =
  | {
      kind: Exclude<NotificationKind, "escalation">;
      /** "launch", "reminder:3", "manual:<time>", "overdue". */
      occasion: string;
      campaign: DigestCampaign;
      recipientName: string;
      pendingItems: number;
    }
  | {
      kind: "escalation";
      /** "escalation:manager" or "escalation:control_owner". */
      occasion: string;
      campaign: DigestCampaign;
      recipientName: string;
      reviewers: { name: string; pendingItems: number }[];
    };

export interface ComposedMail {
  subject: string;
  text: string;
  html: string;
}

const dueFormat = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "long",
  timeStyle: "short",
  timeZone: "UTC",
});

function formatDue(dueAt: string): string {
  return `${dueFormat.format(new Date(dueAt))} UTC`;
}

function items(count: number): string {
  return count === 1 ? "1 item" : `${count.toLocaleString("en")} items`;
}

function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

function daysText(days: number): string {
  if (days === 0) return "today";
  return days === 1 ? "tomorrow" : `in ${days} days`;
}

interface Body {
  subject: string;
  greeting: string;
  paragraphs: string[];
  table?: { name: string; pendingItems: number }[];
  action: { label: string; url: string };
}

function reviewerBody(
  digest: Extract<Digest, { kind: "launch" | "reminder" | "overdue" }>,
  appUrl: string,
): Body {
  const { campaign, pendingItems } = digest;
  const due = formatDue(campaign.dueAt);
  const action = { label: "Open your review queue", url: `${appUrl}/reviews/${campaign.id}` };
  const greeting = `Hello ${digest.recipientName},`;
  if (digest.kind === "launch") {
    return {
      subject: `Access review: ${items(pendingItems)} to review in ${campaign.name}, due ${due}`,
      greeting,
      paragraphs: [
        `The access review "${campaign.name}" has started and you are a reviewer.`,
        `You have ${items(pendingItems)} to review: approve, revoke or approve as a time-bound exception. The review is due ${due}.`,
      ],
      action,
    };
  }
  if (digest.kind === "overdue") {
    return {
      subject: `Overdue: ${items(pendingItems)} still to review in ${campaign.name}`,
      greeting,
      paragraphs: [
        `The access review "${campaign.name}" was due ${due}, and ${items(pendingItems)} assigned to you ${pendingItems === 1 ? "is" : "are"} still undecided.`,
        "Please decide them now. If the review stays overdue it is escalated to your manager and to the control owner.",
      ],
      action,
    };
  }
  const days = /^reminder:(\d+)$/.exec(digest.occasion)?.[1];
  const when = days === undefined ? `due ${due}` : `due ${daysText(Number(days))} (${due})`;
  return {
    subject: `Reminder: ${items(pendingItems)} to review in ${campaign.name}, ${when}`,
    greeting,
    paragraphs: [
      days === undefined
        ? `The control owner of "${campaign.name}" asks you to finish your review.`
        : `This is a reminder about the access review "${campaign.name}".`,
      `You still have ${items(pendingItems)} to review. The review is ${when}.`,
    ],
    action,
  };
}

function escalationBody(digest: Extract<Digest, { kind: "escalation" }>, appUrl: string): Body {
  const { campaign, reviewers } = digest;
  const toControlOwner = digest.occasion === "escalation:control_owner";
  const total = reviewers.reduce((sum, reviewer) => sum + reviewer.pendingItems, 0);
  const people = reviewers.length === 1 ? "1 reviewer" : `${reviewers.length} reviewers`;
  return {
    subject: `Escalation: ${people} overdue in ${campaign.name} (${items(total)} undecided)`,
    greeting: `Hello ${digest.recipientName},`,
    paragraphs: [
      `The access review "${campaign.name}" was due ${formatDue(campaign.dueAt)}.`,
      toControlOwner
        ? `As its control owner, you are told that these reviewers still have undecided items:`
        : `These reviewers who report to you still have undecided items:`,
    ],
    table: reviewers,
    action: toControlOwner
      ? { label: "Open the campaign", url: `${appUrl}/campaigns/${campaign.id}` }
      : { label: "Open Attest", url: `${appUrl}/` },
  };
}

/** A digest as a mail: plain text and simple HTML with the same content. */
export function composeDigest(digest: Digest, appUrl: string): ComposedMail {
  const base = appUrl.replace(/\/+$/, "");
  const body =
    digest.kind === "escalation" ? escalationBody(digest, base) : reviewerBody(digest, base);
  const footer = "You receive this because you take part in an access review in Attest.";
  const text = [
    body.greeting,
    "",
    ...body.paragraphs.flatMap((paragraph) => [paragraph, ""]),
    ...(body.table
      ? [...body.table.map((row) => `  - ${row.name}: ${items(row.pendingItems)}`), ""]
      : []),
    `${body.action.label}: ${body.action.url}`,
    "",
    "-- ",
    footer,
    "",
  ].join("\n");
  const table = body.table
    ? `<table cellpadding="4" style="border-collapse:collapse">
<thead><tr><th align="left">Reviewer</th><th align="right">Undecided items</th></tr></thead>
<tbody>
${body.table.map((row) => `<tr><td>${escapeHtml(row.name)}</td><td align="right">${row.pendingItems.toLocaleString("en")}</td></tr>`).join("\n")}
</tbody>
</table>\n`
    : "";
  const html = `<!doctype html>
<html><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#111">
<p>${escapeHtml(body.greeting)}</p>
${body.paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`).join("\n")}
${table}<p><a href="${escapeHtml(body.action.url)}">${escapeHtml(body.action.label)}</a></p>
<p style="color:#666;font-size:small">${escapeHtml(footer)}</p>
</body></html>
`;
  return { subject: body.subject, text, html };
}
