import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { readServerConfig } from "../env";
import { startMailer } from "./start-mailer";

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe("mail configuration", () => {
  it("reads SMTP settings, with the port following TLS and credentials in pairs", () => {
    const base = { ATTEST_SMTP_HOST: "smtp.example.com" };
    expect(readServerConfig({}).smtp).toBeUndefined();
    expect(readServerConfig(base).smtp).toEqual({
      host: "smtp.example.com",
      port: 587,
      secure: false,
      auth: undefined,
    });
    expect(
      readServerConfig({
        ...base,
        ATTEST_SMTP_SECURE: "1",
        ATTEST_SMTP_USER: "attest",
        ATTEST_SMTP_PASSWORD: "secret",
        ATTEST_MAIL_FROM: "Reviews <reviews@example.com>",
      }),
    ).toMatchObject({
      smtp: { port: 465, secure: true, auth: { user: "attest", pass: "secret" } },
      mailFrom: "Reviews <reviews@example.com>",
    });
    expect(() => readServerConfig({ ...base, ATTEST_SMTP_USER: "attest" })).toThrow(
      /ATTEST_SMTP_USER and ATTEST_SMTP_PASSWORD go together/,
    );
    expect(() => readServerConfig({ ATTEST_SMTP_PORT: "25" })).toThrow(/need ATTEST_SMTP_HOST/);
  });

  it("without an SMTP host, catches mail in a local sink that logs it and saves it as .eml", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "attest-mail-"));
    dirs.push(dataDir);
    const logged: { details: object; message: string }[] = [];
    const record = (details: object, message: string) => logged.push({ details, message });
    const mail = await startMailer({
      smtp: undefined,
      from: "Attest <attest@localhost>",
      dataDir,
      log: { info: record, warn: record, error: record },
    });
    try {
      expect(mail.sinkDir).toBe(join(dataDir, "mail"));
      await mail.mailer.send({
        to: { name: "Dana Whitfield", address: "dana@example.test" },
        subject: "Reminder: 2 items to review",
        text: "You still have 2 items to review.",
        html: "<p>You still have 2 items to review.</p>",
        messageId: "<test-1@localhost>",
      });
      await expect.poll(async () => readdir(join(dataDir, "mail"))).toHaveLength(1);
      const [file] = await readdir(join(dataDir, "mail"));
      const raw = await readFile(join(dataDir, "mail", file as string), "utf8");
      expect(raw).toContain("Subject: Reminder: 2 items to review");
      expect(raw).toContain("Message-ID: <test-1@localhost>");
      expect(logged.map((entry) => entry.message)).toContain(
        "mail received by the development SMTP sink",
      );
      expect(
        logged.find((entry) => entry.message.startsWith("mail received"))?.details,
      ).toMatchObject({ to: ["dana@example.test"], subject: "Reminder: 2 items to review" });
    } finally {
      await mail.close();
    }
  });
});
