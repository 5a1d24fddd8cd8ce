import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { Logger } from "@attest/api/context";
import { createSmtpMailer, type Mailer } from "@attest/api/services/notifications/mailer";
import { startSmtpSink } from "@attest/api/services/notifications/smtp-sink";
import type { SmtpConfig } from "../env";

export interface StartedMailer {
  mailer: Mailer;
  /** Where the development sink saves what it receives; undefined with a real SMTP server. */
  sinkDir: string | undefined;
  close(): Promise<void>;
}

/**
 * The process's mailer: nodemailer to the configured SMTP server, or — when none is configured,
 * as in development and `npm start` — to an SMTP sink inside this process that really receives
 * each mail, logs it (recipient, subject, text) and saves it as an .eml file under
 * <dataDir>/mail, so reminders can be read without a mail server.
 */
export async function startMailer(options: {
  smtp: SmtpConfig | undefined;
  from: string;
  dataDir: string;
  log: Logger;
}): Promise<StartedMailer> {
  if (options.smtp) {
    const mailer = createSmtpMailer({ ...options.smtp, from: options.from });
    return { mailer, sinkDir: undefined, close: () => mailer.close() };
  }
  const sinkDir = join(resolve(options.dataDir), "mail");
  await mkdir(sinkDir, { recursive: true });
  let received = 0;
  const sink = await startSmtpSink({
    onMail(mail) {
      received += 1;
      const file = join(
        sinkDir,
        `${new Date().toISOString().replaceAll(":", "-")}-${String(received).padStart(4, "0")}.eml`,
      );
      writeFile(file, mail.raw).catch((error: unknown) =>
        options.log.warn({ err: error, file }, "could not save a received mail"),
      );
      options.log.info(
        {
          to: mail.recipients,
          subject: mail.parsed.subject,
          messageId: mail.parsed.messageId,
          file,
          text: mail.parsed.text,
        },
        "mail received by the development SMTP sink",
      );
    },
  });
  options.log.warn(
    { sink: `${sink.host}:${sink.port}`, sinkDir },
    "No SMTP server configured (ATTEST_SMTP_HOST): notification mail goes to a local sink and is saved as .eml files",
  );
  const mailer = createSmtpMailer(sink.smtpSettings(options.from));
  return {
    mailer,
    sinkDir,
    async close() {
      await mailer.close();
      await sink.close();
    },
  };
}
