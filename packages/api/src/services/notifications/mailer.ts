import nodemailer from "nodemailer";

export interface MailAddress {
  name: string;
  address: string;
}

export interface MailMessage {
  to: MailAddress;
  subject: string;
  text: string;
  html: string;
  /**
   * The Message-ID header, chosen before sending so it can be recorded (and evidenced) before
   * the mail leaves: "<id@domain>".
   */
  messageId: string;
}

/** Hands mail to an SMTP server. Resolves once the server accepted it; rejects otherwise. */
export interface Mailer {
  /** The domain of the sender address, for Message-IDs. */
  readonly domain: string;
  send(message: MailMessage): Promise<void>;
  close(): Promise<void>;
}

export interface SmtpSettings {
  host: string;
  port: number;
  /** TLS from the first byte (port 465). Otherwise STARTTLS is used when the server offers it. */
  secure: boolean;
  /** Never upgrade with STARTTLS: for a local sink only. */
  ignoreTls?: boolean;
  auth?: { user: string; pass: string } | undefined;
  /** The sender, e.g. "Attest <attest@example.com>". */
  from: string;
}

/** The address part of "Name <address>" or a bare address. */
function senderAddress(from: string): string {
  return /<([^>]+)>/.exec(from)?.[1] ?? from.trim();
}

/** The one Mailer: nodemailer over SMTP, one pooled transport per process. */
export function createSmtpMailer(settings: SmtpSettings): Mailer {
  const transport = nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    ignoreTLS: settings.ignoreTls ?? false,
    ...(settings.auth ? { auth: settings.auth } : {}),
    pool: true,
    maxConnections: 2,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    domain: senderAddress(settings.from).split("@")[1] ?? "attest.localhost",
    async send(message) {
      await transport.sendMail({
        from: settings.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        messageId: message.messageId,
      });
    },
    async close() {
      transport.close();
    },
  };
}
