/**
 * File uploads and downloads over the plain HTTP routes beside tRPC. Both report progress in
 * bytes, and both turn the server's JSON refusals ({error, message}) into a sentence.
 */

export interface TransferProgress {
  loaded: number;
  /** Null when the size is not known in advance. */
  total: number | null;
}

/** A refusal or failure of an upload or download, with the server's sentence when it gave one. */
export class TransferError extends Error {
  readonly status: number | null;

  constructor(message: string, status: number | null) {
    super(message);
    this.name = "TransferError";
    this.status = status;
  }
}

function messageFromBody(body: string, status: number): string {
  try {
    const parsed = JSON.parse(body) as { message?: unknown };
    if (typeof parsed.message === "string" && parsed.message) return parsed.message;
  } catch {
    // Not JSON: fall through to the generic sentence.
  }
  if (status === 401) return "Your session has ended. Sign in again to continue.";
  if (status === 403) return "Your role does not allow this.";
  return `The server refused the request (HTTP ${status}).`;
}

/**
 * POSTs a form with XMLHttpRequest, the one browser API that reports upload progress.
 * Resolves with the parsed JSON body of a 2xx answer.
 */
export function uploadForm<T>(
  url: string,
  form: FormData,
  {
    onProgress,
    signal,
  }: { onProgress?: (progress: TransferProgress) => void; signal?: AbortSignal } = {},
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.withCredentials = true;
    xhr.upload.addEventListener("progress", (event) => {
      onProgress?.({
        loaded: event.loaded,
        total: event.lengthComputable ? event.total : null,
      });
    });
    xhr.addEventListener("load", () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(JSON.parse(xhr.responseText) as T);
        } catch {
          reject(new TransferError("The server's answer could not be read.", xhr.status));
        }
        return;
      }
      reject(new TransferError(messageFromBody(xhr.responseText, xhr.status), xhr.status));
    });
    xhr.addEventListener("error", () => {
      reject(
        new TransferError(
          "The upload did not reach the server. Check your connection and try again.",
          null,
        ),
      );
    });
    xhr.addEventListener("abort", () => {
      reject(new DOMException("The upload was cancelled.", "AbortError"));
    });
    signal?.addEventListener("abort", () => xhr.abort(), { once: true });
    xhr.send(form);
  });
}

export interface DownloadedFile {
  blob: Blob;
  fileName: string;
  headers: Headers;
}

/** The file name a content-disposition header gives, if any. */
export function fileNameFromDisposition(header: string | null): string | null {
  if (!header) return null;
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (encoded?.[1]) {
    try {
      return decodeURIComponent(encoded[1]);
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(header);
  return plain?.[1] ?? null;
}

/**
 * Fetches a file into memory while counting its bytes, so a page can show progress and knows
 * when the download has finished (a plain link cannot tell).
 */
export async function downloadFile(
  url: string,
  {
    onProgress,
    signal,
    fallbackName = "download",
  }: {
    onProgress?: (progress: TransferProgress) => void;
    signal?: AbortSignal;
    fallbackName?: string;
  } = {},
): Promise<DownloadedFile> {
  let response: Response;
  try {
    response = await fetch(url, { credentials: "same-origin", ...(signal ? { signal } : {}) });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new TransferError(
      "The download did not reach the server. Check your connection and try again.",
      null,
    );
  }
  if (!response.ok) {
    throw new TransferError(
      messageFromBody(await response.text(), response.status),
      response.status,
    );
  }
  const lengthHeader = response.headers.get("content-length");
  const total = lengthHeader ? Number(lengthHeader) : null;
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  if (response.body) {
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      loaded += value.byteLength;
      onProgress?.({ loaded, total });
    }
  }
  const type = response.headers.get("content-type") ?? "application/octet-stream";
  return {
    blob: new Blob(chunks as BlobPart[], { type }),
    fileName: fileNameFromDisposition(response.headers.get("content-disposition")) ?? fallbackName,
    headers: response.headers,
  };
}

/** Hands a downloaded file to the browser to save, under its name. */
export function saveFile(blob: Blob, fileName: string): void {
  const href = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = href;
  link.download = fileName;
  link.rel = "noopener";
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser a moment to start the save before the memory is released.
  setTimeout(() => URL.revokeObjectURL(href), 30_000);
}

/** Files above this are not hashed in the browser (it reads the whole file into memory). */
const maxBrowserHashBytes = 512 * 1024 * 1024;

/** The SHA-256 of a file as lowercase hex, or null where the browser cannot compute it. */
export async function sha256Hex(blob: Blob): Promise<string | null> {
  if (blob.size > maxBrowserHashBytes || !globalThis.crypto?.subtle) return null;
  const digest = await crypto.subtle.digest("SHA-256", new Uint8Array(await blob.arrayBuffer()));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === "AbortError";
}
