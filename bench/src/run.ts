import { cpus, totalmem } from "node:os";
import { parseArgs } from "node:util";
import { type AuditPackageResult, benchAuditPackage } from "./audit-package";
import { median } from "./bench-database";
import { benchCampaignDashboard } from "./campaign-dashboard";
import { benchCampaignLaunch } from "./campaign-launch";
import { benchEvidenceAppend } from "./evidence-append";
import { benchEvidenceVerify, summarizeVerify } from "./evidence-verify";
import { benchInventoryImport } from "./inventory-import";
import { benchReviewBulkDecide } from "./review-bulk-decide";
import { benchReviewerWorkspace } from "./reviewer-workspace";

/**
 * `npm run bench [-- --only NAME] [--runs N]`: runs the benchmarks of the open issues'
 * performance targets and prints a results table for bench/README.md.
 */
const { values } = parseArgs({
  options: {
    only: { type: "string" },
    runs: { type: "string", default: "3" },
    "verify-events": { type: "string", default: "1000000" },
    "import-grants": { type: "string", default: "1000000" },
    "launch-grants": { type: "string", default: "125000" },
    "dashboard-items": { type: "string", default: "100000" },
    "queue-items": { type: "string", default: "10000" },
    "audit-items": { type: "string", default: "20000" },
  },
});
const runs = Number(values.runs);
const selected = (name: string) => !values.only || values.only.split(",").includes(name);
const rows: string[] = [];
const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? "cpu"}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
const date = new Date().toISOString().slice(0, 10);

if (selected("evidence-append")) {
  for (const dialect of ["postgres", "pglite"] as const) {
    const results = [];
    for (let run = 0; run < runs; run += 1) {
      const result = await benchEvidenceAppend(dialect, 20);
      console.log(
        `evidence-append ${dialect} run ${run + 1}: ${Math.round(result.eventsPerSecond)} events/s`,
      );
      results.push(result.eventsPerSecond);
    }
    rows.push(
      `| Evidence append with decisions, 1,000 per transaction (${dialect === "postgres" ? "PostgreSQL 15" : "PGlite"}) | ≥ 5,000 events/s${dialect === "pglite" ? " (PostgreSQL target; reported)" : ""} | ${Math.round(median(results)).toLocaleString("en")} events/s | ${runs} runs of 20,000 events | ${date} |`,
    );
  }
}

if (selected("evidence-verify")) {
  const result = await benchEvidenceVerify("postgres", Number(values["verify-events"]), runs);
  const summary = summarizeVerify(result);
  console.log(
    `evidence-verify: ${result.events} events, package ${result.packageMegabytes.toFixed(0)} MB, generated in ${result.generateSeconds.toFixed(1)} s, exported in ${result.exportSeconds.toFixed(1)} s, verify ${result.verifySeconds.join(" / ")} s, peak RSS ${result.peakRssMegabytes.map((m) => m.toFixed(0)).join(" / ")} MB`,
  );
  rows.push(
    `| \`attest evidence verify\`, ${result.events.toLocaleString("en")}-event package (${result.packageMegabytes.toFixed(0)} MB zip) | ≤ 10 s, ≤ 512 MB | ${summary.medianVerifySeconds.toFixed(1)} s, ${summary.medianPeakRssMegabytes.toFixed(0)} MB peak RSS | ${runs} runs; export took ${result.exportSeconds.toFixed(0)} s | ${date} |`,
  );
}

if (selected("inventory-import")) {
  for (const dialect of ["postgres", "pglite"] as const) {
    const results = [];
    for (let run = 0; run < runs; run += 1) {
      const result = await benchInventoryImport(dialect, Number(values["import-grants"]));
      console.log(
        `inventory-import ${dialect} run ${run + 1}: ${result.grants} grants (${result.megabytes.toFixed(0)} MB) in ${result.seconds} s, peak RSS ${result.peakRssMegabytes.toFixed(0)} MB; p95 ms ${JSON.stringify(result.queries)}`,
      );
      results.push(result);
    }
    const label = dialect === "postgres" ? "PostgreSQL 15" : "PGlite";
    rows.push(
      `| \`attest import\` of ${results[0]?.grants.toLocaleString("en")} grants, ${results[0]?.megabytes.toFixed(0)} MB CSV (${label}) | ≤ 60 s, ≤ 512 MB${dialect === "pglite" ? " (PostgreSQL target; reported)" : ""} | ${median(results.map((r) => r.seconds)).toFixed(1)} s, ${median(results.map((r) => r.peakRssMegabytes)).toFixed(0)} MB peak RSS | ${runs} runs | ${date} |`,
    );
    for (const name of Object.keys(results[0]?.queries ?? {})) {
      rows.push(
        `| Inventory browser at ${results[0]?.grants.toLocaleString("en")} grants: ${name} (${label}) | ≤ 200 ms p95 | ${median(results.map((r) => r.queries[name] ?? Number.NaN)).toFixed(0)} ms | 20 queries × ${runs} runs | ${date} |`,
      );
    }
  }
}

if (selected("campaign-dashboard")) {
  const variants = [
    { dialect: "postgres", vacuum: false, label: "PostgreSQL 15" },
    { dialect: "pglite", vacuum: false, label: "PGlite, never vacuumed" },
    { dialect: "pglite", vacuum: true, label: "PGlite after VACUUM" },
  ] as const;
  for (const variant of variants) {
    const results = [];
    for (let run = 0; run < runs; run += 1) {
      const result = await benchCampaignDashboard(
        variant.dialect,
        Number(values["dashboard-items"]),
        {
          vacuum: variant.vacuum,
        },
      );
      console.log(
        `campaign-dashboard ${variant.label} run ${run + 1}: ${result.items} items, ${result.reviewers} reviewers; p95 ms ${JSON.stringify(result.p95)}`,
      );
      results.push(result);
    }
    for (const name of Object.keys(results[0]?.p95 ?? {})) {
      rows.push(
        `| Campaign dashboard at ${results[0]?.items.toLocaleString("en")} items: ${name} (${variant.label}) | ≤ 100 ms p95${variant.dialect === "pglite" ? " (PostgreSQL target; reported)" : ""} | ${median(results.map((r) => r.p95[name] ?? Number.NaN)).toFixed(0)} ms | ${results[0]?.calls} calls × ${runs} runs | ${date} |`,
      );
    }
  }
}

if (selected("campaign-launch")) {
  for (const dialect of ["postgres", "pglite"] as const) {
    const result = await benchCampaignLaunch(dialect, Number(values["launch-grants"]), runs);
    const seconds = result.launchSeconds.map((s) => s.toFixed(1)).join(" / ");
    console.log(
      `campaign-launch ${dialect}: ${result.items} items to ${result.reviewers} reviewers from ${result.grants} grants; launches ${seconds} s; preview ${result.previewSeconds.toFixed(1)} s`,
    );
    rows.push(
      `| Campaign launch, ${result.items.toLocaleString("en")} items from a ${result.grants.toLocaleString("en")}-grant snapshot (${dialect === "postgres" ? "PostgreSQL 15" : "PGlite"}) | ≤ 10 s${dialect === "pglite" ? " (PostgreSQL target; reported)" : ""} | ${median(result.launchSeconds).toFixed(1)} s (${seconds}); preview ${result.previewSeconds.toFixed(1)} s | ${runs} launches | ${date} |`,
    );
  }
}

if (selected("audit-package")) {
  for (const dialect of ["postgres", "pglite"] as const) {
    const results: AuditPackageResult[] = [];
    for (let run = 0; run < runs; run += 1) {
      const result = await benchAuditPackage(dialect, Number(values["audit-items"]));
      console.log(
        `audit-package ${dialect} run ${run + 1}: population ${result.populationSeconds.toFixed(2)} s, sample ${result.sampleSeconds.toFixed(2)} s, package ${result.packageSeconds.toFixed(2)} s (${result.packageMegabytes.toFixed(1)} MB), verify ${result.verifySeconds.toFixed(2)} s`,
      );
      results.push(result);
    }
    const label = dialect === "postgres" ? "PostgreSQL 15" : "PGlite";
    const seconds = (pick: (r: (typeof results)[number]) => number) =>
      `${median(results.map(pick)).toFixed(1)} s`;
    rows.push(
      `| Audit of a ${results[0]?.items.toLocaleString("en")}-decision campaign (${label}): population, sample of 25, package, verify | reported | ${seconds((r) => r.populationSeconds)}, ${seconds((r) => r.sampleSeconds)}, ${seconds((r) => r.packageSeconds)} (${results[0]?.packageMegabytes.toFixed(1)} MB), ${seconds((r) => r.verifySeconds)} | ${runs} runs | ${date} |`,
    );
  }
}

if (selected("review-bulk-decide")) {
  for (const dialect of ["postgres", "pglite"] as const) {
    const results = [];
    for (let run = 0; run < runs; run += 1) {
      const result = await benchReviewBulkDecide(dialect, Number(values["queue-items"]));
      console.log(
        `review-bulk-decide ${dialect} run ${run + 1}: ${result.recorded} items and ${result.events} events in ${result.bulkSeconds.toFixed(2)} s; queue first page p95 ${result.firstPageP95Ms.toFixed(0)} ms, filtered ${result.filteredPageP95Ms.toFixed(0)} ms`,
      );
      results.push(result);
    }
    const label = dialect === "postgres" ? "PostgreSQL 15" : "PGlite";
    const reported = dialect === "pglite" ? " (PostgreSQL target; reported)" : "";
    rows.push(
      `| \`reviews.bulkDecide\`: approve a ${results[0]?.items.toLocaleString("en")}-item queue by filter, with its events (${label}) | ≤ 3 s${reported} | ${median(results.map((r) => r.bulkSeconds)).toFixed(2)} s (${results.map((r) => r.bulkSeconds.toFixed(2)).join(" / ")}) | ${runs} runs | ${date} |`,
      `| \`reviews.queue\` first page of 200 of ${results[0]?.items.toLocaleString("en")} items, plain / flagged and privileged (${label}) | < 100 ms${reported} | ${median(results.map((r) => r.firstPageP95Ms)).toFixed(0)} / ${median(results.map((r) => r.filteredPageP95Ms)).toFixed(0)} ms p95 | 20 calls × ${runs} runs | ${date} |`,
    );
  }
}

if (selected("reviewer-workspace")) {
  // Five cold loads per run; the whole queue is scrolled on the first and the last.
  const results = [];
  for (let run = 0; run < runs; run += 1) {
    const result = await benchReviewerWorkspace(Number(values["queue-items"]), 5);
    console.log(
      `reviewer-workspace run ${run + 1}: ${result.items} items; first rows ${result.firstRowMs.map((ms) => ms.toFixed(0)).join(" / ")} ms; scrolls ${JSON.stringify(result.scrolls)}; initial JS ${(result.initialJsGzipBytes / 1024).toFixed(0)} KB gzipped (${result.initialJsFiles.join(", ")})`,
    );
    results.push(result);
  }
  const first = results[0];
  const scrolls = results.flatMap((r) => r.scrolls);
  rows.push(
    `| Reviewer queue of ${first?.items.toLocaleString("en")} items, production build on PostgreSQL 15: first rows after a cold navigation | ≤ 1 s | ${median(results.map((r) => median(r.firstRowMs))).toFixed(0)} ms (${results.map((r) => median(r.firstRowMs).toFixed(0)).join(" / ")}) | ${runs} runs × 5 cold loads | ${date} |`,
    `| Scrolling the whole ${first?.items.toLocaleString("en")}-item queue: longest animation frame | < 50 ms | ${median(scrolls.map((s) => s.longestFrameMs)).toFixed(0)} ms (${scrolls.map((s) => s.longestFrameMs.toFixed(0)).join(" / ")}); frames over 50 ms: ${scrolls.map((s) => s.framesOver50Ms).join(" / ")} of ${scrolls.map((s) => s.frames).join(" / ")} | ${scrolls.length} scrolls to row ${scrolls.map((s) => s.rows).join(" / ")} | ${date} |`,
    `| Initial JavaScript of the web app (entry and its preloads) | ≤ 250 KB gzipped | ${((first?.initialJsGzipBytes ?? 0) / 1024).toFixed(0)} KB | ${first?.initialJsFiles.length} files | ${date} |`,
  );
}

console.log(`\nMachine: ${machine}\n`);
console.log("| benchmark | target | median | runs | date |\n|---|---|---|---|---|");
for (const row of rows) console.log(row);
