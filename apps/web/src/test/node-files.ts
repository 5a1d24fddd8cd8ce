import { Blob as NodeBlob, File as NodeFile } from "node:buffer";
import { afterEach, beforeEach, vi } from "vitest";

/**
 * Uploads in tests: jsdom's File and FormData do not survive MSW's XMLHttpRequest interception
 * (it rebuilds the request with Node's fetch, which cannot read jsdom's file parts), so tests
 * that upload use Node's. Browsers need none of this.
 */
export function withNodeFileApis(): void {
  beforeEach(async () => {
    const form = await new Response("", {
      headers: { "content-type": "application/x-www-form-urlencoded" },
    }).formData();
    vi.stubGlobal("File", NodeFile);
    vi.stubGlobal("Blob", NodeBlob);
    vi.stubGlobal("FormData", form.constructor);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });
}

/** A text file as a person would choose it. */
export function textFile(name: string, lines: string[]): File {
  return new File([`${lines.join("\n")}\n`], name, {
    type: name.endsWith(".csv") ? "text/csv" : "application/jsonl",
  });
}
