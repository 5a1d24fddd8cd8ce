import type { AddressInfo } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import type { SmtpSettings } from "./mailer";

export interface ReceivedMail {
  /** SMTP envelope recipients (RCPT TO). */
  recipients: string[];
  raw: Buffer;
  parsed: ParsedMail;
}

export interface SmtpSink {
  readonly host: string;
  readonly port: number;
  /** Every mail received so far, in order of arrival. */
  readonly received: readonly ReceivedMail[];
  /** Resolves once `count` mails have arrived in all; rejects after `timeoutMs`. */
  waitForMail(count: number, timeoutMs?: number): Promise<readonly ReceivedMail[]>;
  /** Settings for a Mailer that delivers here. */
  smtpSettings(from: string): SmtpSettings;
  close(): Promise<void>;
}

/**
 * A real SMTP server on loopback that accepts every mail and keeps it: development and tests
 * send through the same nodemailer path as production and read what actually arrived. Plain
 * SMTP only (no STARTTLS, any or no AUTH), so it must never listen beyond this machine.
 */
export async function startSmtpSink(
  options: { port?: number; onMail?: (mail: ReceivedMail) => void } = {},
): Promise<SmtpSink> {
  const host = "127.0.0.1";
  const received: ReceivedMail[] = [];
  const waiters = new Set<() => void>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    size: 10 * 1024 * 1024,
    onAuth(_auth, _session, callback) {
      callback(null, { user: "sink" });
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("error", callback);
      stream.on("end", () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw)
          .then((parsed) => {
            const mail = {
              recipients: session.envelope.rcptTo.map((rcpt) => rcpt.address),
              raw,
              parsed,
            };
            received.push(mail);
            options.onMail?.(mail);
            for (const wake of waiters) wake();
            callback();
          })
          .catch(callback);
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;

  return {
    host,
    port,
    received,
    waitForMail(count, timeoutMs = 5_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (received.length < count) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(received);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`expected ${count} mails at the SMTP sink, ${received.length} arrived`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    smtpSettings(from) {
      return { host, port, secure: false, ignoreTls: true, from };
    },
    close() {
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
