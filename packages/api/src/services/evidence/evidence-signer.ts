import { createPublicKey } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { generateSigningKey, publicKeyFingerprint } from "@attest/evidence/checkpoint";
import { loadPrivateKey } from "@attest/evidence/signing-key";

/** The key that signs checkpoints, and the ledger's name (the checkpoint origin line). */
export interface EvidenceSigner {
  origin: string;
  privateKeyPem: string;
  publicKeyPem: string;
  fingerprint: string;
}

export interface LoadSignerOptions {
  origin: string;
  /** A PEM Ed25519 private key file; production passes one (ATTEST_EVIDENCE_KEY_FILE). */
  keyFile: string | undefined;
  /** Without a key file, a development key is generated once into this directory. */
  dataDir: string;
}

/**
 * Loads the checkpoint signing key. It lives in a file, never in the database: whoever can
 * rewrite the database must not also be able to re-sign its history.
 */
export async function loadEvidenceSigner(options: LoadSignerOptions): Promise<EvidenceSigner> {
  const keyFile = options.keyFile ?? join(options.dataDir, "evidence-signing-key.pem");
  let privateKeyPem: string;
  try {
    privateKeyPem = await readFile(keyFile, "utf8");
  } catch (error) {
    if (options.keyFile || (error as NodeJS.ErrnoException).code !== "ENOENT") {
      throw new Error(
        `Cannot read the evidence signing key ${keyFile}: ${(error as Error).message}`,
      );
    }
    await mkdir(dirname(keyFile), { recursive: true });
    const generated = generateSigningKey();
    // "wx": when two processes start at once, the first key written wins and both use it.
    await writeFile(keyFile, generated.privateKeyPem, { mode: 0o600, flag: "wx" }).catch(
      () => undefined,
    );
    privateKeyPem = await readFile(keyFile, "utf8");
  }
  const publicKeyPem = createPublicKey(loadPrivateKey(privateKeyPem))
    .export({ format: "pem", type: "spki" })
    .toString();
  return {
    origin: options.origin,
    privateKeyPem,
    publicKeyPem,
    fingerprint: publicKeyFingerprint(publicKeyPem),
  };
}
