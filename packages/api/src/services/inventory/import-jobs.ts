import { randomUUID } from "node:crypto";
import { rm } from "node:fs/promises";
import type { Database } from "@attest/db/database";
import type { EvidenceActor } from "../evidence/append-evidence";
import { type ImportProgress, importInventory } from "./import/import-inventory";
import type { ImportParameters } from "./import/import-report";
import type { ImportFileInput } from "./import/validate-population";

export interface StartImportOptions {
  source: string;
  files: ImportFileInput[];
  importedBy: EvidenceActor;
  parameters?: Partial<ImportParameters>;
  /** A directory of uploaded files that belongs to this import and is removed when it ends. */
  uploadDir?: string;
}

/**
 * Imports running in this server process, so a browser can follow one's progress. The import
 * itself and its report live in the database (inventory_imports); only progress is in memory.
 */
export class ImportJobs {
  readonly #progress = new Map<string, ImportProgress>();

  constructor(
    private readonly db: Database,
    private readonly now: () => Date,
    private readonly onError: (error: unknown, importId: string) => void,
  ) {}

  start(options: StartImportOptions): string {
    const importId = randomUUID();
    this.#progress.set(importId, {
      importId,
      phase: "validating",
      fraction: 0,
      message: "Starting",
    });
    void importInventory(this.db, {
      source: options.source,
      files: options.files,
      importedBy: options.importedBy,
      ...(options.parameters ? { parameters: options.parameters } : {}),
      now: this.now,
      importId,
      onProgress: (progress) => this.#progress.set(importId, progress),
    })
      .catch((error: unknown) => this.onError(error, importId))
      .finally(async () => {
        if (options.uploadDir) await rm(options.uploadDir, { recursive: true, force: true });
        // Keep the last progress a while so a polling page sees "finished"; the report is in the database.
        setTimeout(() => this.#progress.delete(importId), 10 * 60_000).unref();
      });
    return importId;
  }

  progress(importId: string): ImportProgress | null {
    return this.#progress.get(importId) ?? null;
  }
}
