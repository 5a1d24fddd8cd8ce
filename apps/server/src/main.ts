import { launchCampaign } from "@attest/api/services/campaigns/launch-campaign";
import { demoSeed, seedDemoOrganisation } from "@attest/api/services/demo/seed-demo-organisation";
import { loadEvidenceSigner } from "@attest/api/services/evidence/evidence-signer";
import { createNotificationJob } from "@attest/api/services/notifications/notification-job";
import { rollUpChangedScimDirectories } from "@attest/api/services/scim/roll-up-scim-directories";
import { appRole, openDatabase } from "@attest/db/database";
import { advisoryLeaderLock, soleLeader } from "@attest/db/leader-lock";
import { migrate, SchemaTooNewError } from "@attest/db/migrate";
import { demoAnchorDateAt } from "@attest/domain/demo-organisation/generate-demo-organisation";
import pino from "pino";
import { buildServer } from "./app";
import { loadSessionSecret } from "./auth/session-secret";
import { createCampaignScheduler } from "./campaign-scheduler";
import { startCheckpointSchedule } from "./checkpoint-schedule";
import { readServerConfig } from "./env";
import { startMailer } from "./notifications/start-mailer";

const config = readServerConfig();
const logger = pino(
  { level: config.logLevel, base: { service: "attest-server" } },
  config.logFile ? pino.destination({ dest: config.logFile, sync: true, mkdir: true }) : undefined,
);

const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });

/** Migrates, then seeds the demo organisation into an empty database when asked to. */
async function prepareDatabase(): Promise<void> {
  await migrate(db);
  // Everything after migrating runs with the application's privileges only.
  await db.useRole(appRole);
  if (config.seedDemoWhenEmpty) {
    const anchorDate = demoAnchorDateAt(new Date());
    const result = await seedDemoOrganisation(db, { seed: demoSeed, anchorDate });
    if (result.seeded) logger.info({ counts: result.counts }, "demo organisation loaded");
  }
}

// A database that is down at start-up is not fatal: the server comes up not ready (/readyz 503)
// and keeps trying. A schema newer than the code is fatal: running on it could corrupt data.
async function prepareWithRetry(attempt = 1): Promise<void> {
  try {
    await prepareDatabase();
    logger.info("database ready");
  } catch (error) {
    if (error instanceof SchemaTooNewError) {
      logger.fatal({ err: error }, error.message);
      process.exit(1);
    }
    const delayMs = Math.min(30_000, 1_000 * 2 ** Math.min(attempt, 5));
    logger.error({ err: error, attempt, retryInMs: delayMs }, "database not ready; retrying");
    setTimeout(() => void prepareWithRetry(attempt + 1), delayMs).unref();
  }
}

await prepareWithRetry();

const ledger = {
  signer: await loadEvidenceSigner({
    origin: config.ledgerOrigin,
    keyFile: config.evidenceKeyFile,
    dataDir: config.dataDir,
  }),
  anchorDir: config.anchorDir,
};

const mail = await startMailer({
  smtp: config.smtp,
  from: config.mailFrom,
  dataDir: config.dataDir,
  log: logger,
});
const appUrl = config.publicUrl ?? `http://localhost:${config.port}`;

const app = await buildServer({
  db,
  dataDir: config.dataDir,
  ledger,
  sessionSecret: await loadSessionSecret(config.sessionSecret, config.dataDir),
  devLogin: config.devLogin,
  secureCookies: config.secureCookies,
  webDist: config.webDist,
  logger,
  notifications: { mailer: mail.mailer, appUrl },
});

await app.listen({ port: config.port, host: config.host });
const stopCheckpoints = startCheckpointSchedule({
  db,
  ledger,
  everyEvents: config.checkpointEveryEvents,
  everyMinutes: config.checkpointEveryMinutes,
  log: app.log,
});
// Launches scheduled campaigns, activates them, opens second stages; on PostgreSQL only the
// instance holding the advisory lock ticks (docs/decisions/009-campaign-lifecycle-and-scheduler.md).
const campaignScheduler = createCampaignScheduler({
  db,
  leader: config.databaseUrl
    ? advisoryLeaderLock({ databaseUrl: config.databaseUrl, name: "attest.campaign-scheduler" })
    : soleLeader(),
  launch: launchCampaign,
  // Extra work for every tick, `(now: Date) => Promise<void>` each: SCIM directories rolled up
  // into snapshots once quiet; launch, reminder, overdue and escalation digests (sent once
  // each, whichever instance leads).
  jobs: [
    async (now) => {
      const snapshots = await rollUpChangedScimDirectories(db, {
        now,
        quietMinutes: config.scimRollUpQuietMinutes,
      });
      for (const snapshot of snapshots)
        app.log.info({ snapshot }, "rolled a SCIM directory up into a snapshot");
    },
    createNotificationJob({ db, mailer: mail.mailer, appUrl, log: app.log }),
  ],
  log: app.log,
});
campaignScheduler.start();
const address = app.server.address();
const port = typeof address === "object" && address ? address.port : config.port;
const url = `http://localhost:${port}`;
logger.info(
  { url, database: config.databaseUrl ? "postgresql" : `pglite:${config.dataDir}` },
  "Attest is listening",
);
if (!config.logFile) {
  process.stdout.write(
    `\n  Attest is running at ${url}\n` +
      (config.devLogin
        ? "  Development sign-in is on: open the URL and pick a demo user (e.g. Dana Whitfield, reviewer;\n" +
          "  Priya Raman, control owner; Avery Collins, auditor; Sam Okafor, admin).\n\n"
        : "\n") +
      (mail.sinkDir
        ? `  Notification mail is caught locally and saved in ${mail.sinkDir}\n\n`
        : ""),
  );
}

async function shutdown(signal: string) {
  logger.info({ signal }, "shutting down");
  stopCheckpoints();
  await campaignScheduler.stop();
  await app.close();
  await mail.close();
  await db.close();
  process.exit(0);
}
process.once("SIGINT", () => void shutdown("SIGINT"));
process.once("SIGTERM", () => void shutdown("SIGTERM"));
