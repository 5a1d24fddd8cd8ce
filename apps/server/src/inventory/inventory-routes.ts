import { randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import { basename, join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { AppError } from "@attest/api/app-error";
import {
  exportPopulation,
  populationFilePath,
} from "@attest/api/services/inventory/export-population";
import type { ImportReport } from "@attest/api/services/inventory/import/import-report";
import { streamImportReportCsv } from "@attest/api/services/inventory/import/stream-import-report-csv";
import type { ImportJobs } from "@attest/api/services/inventory/import-jobs";
import { getImport } from "@attest/api/services/inventory/inventory-views";
import type { Database } from "@attest/db/database";
import fastifyMultipart from "@fastify/multipart";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { requireUser } from "../auth/require-user";
import { refuseCrossSite } from "../http/refuse-cross-site";

export interface InventoryRoutesOptions {
  db: Database;
  importJobs: ImportJobs;
  dataDir: string;
  now: () => Date;
}

const uuidParam = z.object({ id: z.uuid() });

function idParam(params: unknown): string {
  const parsed = uuidParam.safeParse(params);
  if (!parsed.success)
    throw new AppError("not_found", "No such record: the id in the address is not valid.");
  return parsed.data.id;
}
const sourcePattern = /^[A-Za-z0-9][A-Za-z0-9 ._:-]{0,99}$/;

/** A file name from a browser, reduced to something safe to keep on disk and show in a report. */
function safeFileName(name: string): string {
  const base = basename(name.replaceAll("\\", "/")).replace(/[^A-Za-z0-9._ -]/g, "_");
  return base.length > 0 ? base.slice(0, 200) : "upload";
}

/**
 * Inventory files in and out over plain HTTP: uploads stream to disk and start an import
 * (followed through inventory.import); the import report (every problem, streamed) and the
 * population export download as CSV. tRPC carries everything else.
 */
export async function registerInventoryRoutes(
  app: FastifyInstance,
  options: InventoryRoutesOptions,
): Promise<void> {
  const { db, importJobs, now } = options;
  await app.register(fastifyMultipart, {
    limits: { files: 20, fileSize: 4 * 1024 ** 3, fields: 10 },
  });

  app.post("/api/inventory/imports", async (request, reply) => {
    const user = await requireUser(request, db, now, ["admin"]);
    if (!request.isMultipart()) {
      throw new AppError("invalid_input", "Send the files as multipart/form-data.", {
        field: "files",
      });
    }
    const uploadDir = join(options.dataDir, "uploads", randomUUID());
    await mkdir(uploadDir, { recursive: true });
    const files: { name: string; path: string }[] = [];
    const fields: Record<string, string> = {};
    try {
      for await (const part of request.parts()) {
        if (part.type === "file") {
          const name = safeFileName(part.filename);
          if (files.some((file) => file.name === name)) {
            throw new AppError("invalid_input", `Two files are named ${name}.`, { field: "files" });
          }
          const path = join(uploadDir, `${files.length}-${name}`);
          await pipeline(part.file, createWriteStream(path));
          if (part.file.truncated)
            throw new AppError("invalid_input", `${name} is larger than 4 GiB.`, {
              field: "files",
            });
          files.push({ name, path });
        } else {
          fields[part.fieldname] = String(part.value);
        }
      }
      const source = (fields.source ?? "").trim();
      if (!sourcePattern.test(source)) {
        throw new AppError(
          "invalid_input",
          "source must be a short name (letters, digits, space . _ : -), e.g. sox-population.",
          {
            field: "source",
          },
        );
      }
      if (files.length === 0)
        throw new AppError("invalid_input", "Choose at least one file to import.", {
          field: "files",
        });
      const rotationDays = fields.rotationDays ? Number(fields.rotationDays) : undefined;
      if (
        rotationDays !== undefined &&
        (!Number.isInteger(rotationDays) || rotationDays < 1 || rotationDays > 3650)
      ) {
        throw new AppError(
          "invalid_input",
          "rotationDays must be a whole number of days between 1 and 3650.",
          {
            field: "rotationDays",
          },
        );
      }
      const importId = importJobs.start({
        source,
        files,
        importedBy: { user: user.id },
        ...(rotationDays ? { parameters: { rotationPolicyDays: rotationDays } } : {}),
        uploadDir,
      });
      return reply.code(202).send({ importId });
    } catch (error) {
      await rm(uploadDir, { recursive: true, force: true });
      throw error;
    }
  });

  app.get("/api/inventory/imports/:id/report.csv", async (request, reply) => {
    const user = await requireUser(request, db, now, ["admin", "auditor"]);
    const id = idParam(request.params);
    const stored = await getImport(db, { importId: id, viewer: user });
    const report = stored.report as ImportReport | null;
    if (!report)
      throw new AppError("not_found", "This import has no report yet: it is still running.");
    return reply
      .header("content-type", "text/csv; charset=utf-8")
      .header(
        "content-disposition",
        `attachment; filename="import-report-${report.source.replace(/[^A-Za-z0-9._-]/g, "_")}-${id.slice(0, 8)}.csv"`,
      )
      .send(Readable.from(streamImportReportCsv(db, report)));
  });

  // The first download of a snapshot's population records population.exported in the user's name.
  app.get("/api/inventory/snapshots/:id/population.csv", async (request, reply) => {
    refuseCrossSite(request);
    const user = await requireUser(request, db, now, ["admin", "auditor", "control_owner"]);
    const id = idParam(request.params);
    const exportDir = join(options.dataDir, "exports");
    const record = await exportPopulation(db, {
      snapshotId: id,
      exportDir,
      actor: { user: user.id },
      viewer: user,
    });
    return reply
      .header("content-type", "text/csv; charset=utf-8")
      .header(
        "content-disposition",
        `attachment; filename="${record.fileName.replace(/[^A-Za-z0-9._-]/g, "_")}"`,
      )
      .header("x-content-sha256", record.sha256)
      .send(createReadStream(populationFilePath(exportDir, id)));
  });
}
