import { randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { AppError } from "@attest/api/app-error";
import type { Context, SessionUser } from "@attest/api/context";
import { getControl } from "@attest/api/services/audit/audit-controls";
import {
  type AuditPackageRequest,
  exportAuditPackage,
} from "@attest/api/services/audit/export-audit-package";
import { exportPopulationCsv } from "@attest/api/services/audit/export-population-csv";
import type { Database } from "@attest/db/database";
import { populationInput } from "@attest/domain/audit/audit-input";
import type { FastifyInstance, FastifyReply } from "fastify";
import { z } from "zod";
import { requireUser } from "../auth/require-user";
import { refuseCrossSite } from "../http/refuse-cross-site";

export interface AuditRoutesOptions {
  db: Database;
  dataDir: string;
  ledger: Context["ledger"];
  now: () => Date;
}

const readers = ["auditor", "control_owner", "admin"] as const;

/** Query-string input, parsed by the same schema the procedure uses; names the bad field. */
function parseQuery<T>(schema: z.ZodType<T>, query: unknown): T {
  const parsed = schema.safeParse(query);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join(".") || "query";
    throw new AppError("invalid_input", `${field}: ${issue?.message ?? "is not valid"}`, {
      field,
    });
  }
  return parsed.data;
}

const idParam = (name: string) =>
  z.object({ [name]: z.uuid({ error: `${name} must be an id` }) }) as z.ZodType<
    Record<string, string>
  >;

/**
 * Audit downloads over plain HTTP: the population CSV (streamed; its SHA-256 is the IPE hash
 * audit.population shows) and evidence packages (written to a temporary file by yazl, recorded
 * as audit.package_downloaded, then streamed and deleted).
 */
export function registerAuditRoutes(app: FastifyInstance, options: AuditRoutesOptions): void {
  const { db, now } = options;

  app.get("/api/audit/population.csv", async (request, reply) => {
    refuseCrossSite(request);
    const user = await requireUser(request, db, now, readers);
    const input = parseQuery(populationInput, request.query);
    const outPath = await temporaryFile("csv");
    try {
      const exported = await exportPopulationCsv(db, { ...input, user, outPath });
      const name = `population-${exported.control.controlId}-${input.periodStart}-${input.periodEnd}`;
      return reply
        .header("content-type", "text/csv; charset=utf-8")
        .header(
          "content-disposition",
          `attachment; filename="${name.replace(/[^A-Za-z0-9._-]/g, "_")}.csv"`,
        )
        .header("x-content-sha256", exported.sha256)
        .send(streamThenDelete(outPath));
    } catch (error) {
      await rm(outPath, { force: true });
      throw error;
    }
  });

  async function temporaryFile(extension: string): Promise<string> {
    const dir = join(options.dataDir, "exports", "audit");
    await mkdir(dir, { recursive: true });
    return join(dir, `${randomUUID()}.${extension}`);
  }

  /** Streams a file written for one download and removes it once sent (or abandoned). */
  function streamThenDelete(path: string) {
    const stream = createReadStream(path);
    stream.on("close", () => {
      rm(path, { force: true }).catch(() => {});
    });
    return stream;
  }

  async function sendPackage(
    user: SessionUser,
    reply: FastifyReply,
    packageRequest: AuditPackageRequest,
    fileName: string,
  ) {
    const outPath = await temporaryFile("zip");
    try {
      const { manifestSha256 } = await exportAuditPackage(db, {
        request: packageRequest,
        user,
        signer: options.ledger.signer,
        anchorDir: options.ledger.anchorDir,
        outPath,
        now: now(),
      });
      const stream = streamThenDelete(outPath);
      return reply
        .header("content-type", "application/zip")
        .header("content-disposition", `attachment; filename="${fileName}"`)
        .header("x-manifest-sha256", manifestSha256)
        .send(stream);
    } catch (error) {
      await rm(outPath, { force: true });
      throw error;
    }
  }

  app.get("/api/audit/packages/sample/:file", async (request, reply) => {
    refuseCrossSite(request);
    const user = await requireUser(request, db, now, readers);
    const { sampleId } = parseQuery(idParam("sampleId"), {
      sampleId: String((request.params as { file: string }).file).replace(/\.zip$/, ""),
    }) as { sampleId: string };
    return sendPackage(user, reply, { kind: "sample", sampleId }, `attest-sample-${sampleId}.zip`);
  });

  app.get("/api/audit/packages/campaign/:file", async (request, reply) => {
    refuseCrossSite(request);
    const user = await requireUser(request, db, now, readers);
    const { campaignId } = parseQuery(idParam("campaignId"), {
      campaignId: String((request.params as { file: string }).file).replace(/\.zip$/, ""),
    }) as { campaignId: string };
    return sendPackage(
      user,
      reply,
      { kind: "campaign", campaignId },
      `attest-campaign-${campaignId}.zip`,
    );
  });

  app.get("/api/audit/packages/period.zip", async (request, reply) => {
    refuseCrossSite(request);
    const user = await requireUser(request, db, now, readers);
    const input = parseQuery(populationInput, request.query);
    const control = await getControl(db, input.definitionId);
    return sendPackage(
      user,
      reply,
      { kind: "period", ...input },
      `attest-period-${control.controlId.replace(/[^A-Za-z0-9._-]/g, "_")}-${input.periodStart}-${input.periodEnd}.zip`,
    );
  });
}
