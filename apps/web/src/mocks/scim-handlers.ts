import type { Role } from "@attest/domain/access/roles";
import {
  createScimDirectoryInput,
  createScimTokenInput,
  revokeScimTokenInput,
  scimDirectoryRef,
} from "@attest/domain/scim/scim-directory-input";
import type { MockDatabase, MockUser } from "@/mocks/mock-database";
import type { Snapshot } from "@/mocks/mock-inventory";
import { appendLedgerEvent } from "@/mocks/mock-ledger";
import { buildPopulation, type RawPopulation, summarizePopulation } from "@/mocks/mock-population";
import {
  type MockScimDirectory,
  overviewOf,
  type ScimToken,
  sortedTokens,
} from "@/mocks/mock-scim";
import { type ProcedureResolvers, TrpcMockError } from "@/mocks/trpc-msw";

export interface ScimMockOptions {
  db: MockDatabase;
  currentUser: () => MockUser | null;
}

interface InputSchema<T> {
  safeParse(
    input: unknown,
  ):
    | { success: true; data: T }
    | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
}

/** Parses input as the server does, and refuses it as the server's errorFormatter words it. */
function parseInput<T>(schema: InputSchema<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path.map(String).join(".") || "input";
    fieldErrors[field] = [...(fieldErrors[field] ?? []), issue.message];
  }
  const summary = Object.entries(fieldErrors)
    .map(([field, messages]) => `${field}: ${messages.join("; ")}`)
    .join(". ");
  throw new TrpcMockError("BAD_REQUEST", `Invalid input — ${summary}`, fieldErrors);
}

const tokenAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/** attest_scim_ and 32 random bytes in base64url, as the server issues them. */
function newToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(43));
  return `attest_scim_${Array.from(bytes, (byte) => tokenAlphabet[byte % 64]).join("")}`;
}

/** A directory rolled up as the server does it: one system, users, groups and memberships. */
function rollUp(directory: MockScimDirectory): RawPopulation {
  const userNames = new Map(directory.users.map((user) => [user.id, user.userName]));
  return {
    identities: directory.users.map((user) => ({
      externalId: user.userName,
      kind: "employee",
      displayName: user.displayName,
      email: user.email,
      department: null,
      status: user.active ? "active" : "terminated",
      managerKey: null,
      ownerKey: null,
      lastRotatedAt: null,
    })),
    systems: [
      {
        key: directory.systemKey,
        name: directory.systemName,
        criticality: "critical",
        soxInScope: true,
        ownerKey: null,
      },
    ],
    entitlements: directory.groups.map((group) => ({
      systemKey: directory.systemKey,
      key: group.id,
      name: group.displayName,
      description: null,
      privileged: false,
      risk: "medium",
      ownerKey: null,
    })),
    accounts: directory.users.map((user) => ({
      systemKey: directory.systemKey,
      username: user.userName,
      identityKey: user.userName,
      status: user.active ? "active" : "disabled",
    })),
    grants: directory.groups.flatMap((group) =>
      group.members.map((member) => ({
        systemKey: directory.systemKey,
        username: userNames.get(member.userId) ?? member.userId,
        entitlementKey: group.id,
        grantedAt: member.addedAt,
        grantedBy: `system:scim.${directory.name}`,
        ticket: null,
        expiresAt: null,
        lastUsedAt: null,
      })),
    ),
  };
}

/** The scim.* procedures: administrators only, answering as the real router does. */
export function scimProcedures({ db, currentUser }: ScimMockOptions): ProcedureResolvers {
  const requireRole = (...allowed: Role[]): MockUser => {
    const user = currentUser();
    if (!user) throw new TrpcMockError("UNAUTHORIZED", "Sign in to continue.");
    if (!allowed.some((role) => user.roles.includes(role))) {
      throw new TrpcMockError("FORBIDDEN", "Your role does not allow this.");
    }
    return user;
  };
  const findDirectory = (directoryId: string): MockScimDirectory => {
    const directory = db.scim.directories.find((candidate) => candidate.id === directoryId);
    if (!directory) {
      throw new TrpcMockError("NOT_FOUND", "No SCIM directory with that id.", {
        directoryId: ["No SCIM directory with that id."],
      });
    }
    return directory;
  };

  return {
    "scim.directories": () => {
      requireRole("admin");
      return [...db.scim.directories].sort((a, b) => a.name.localeCompare(b.name)).map(overviewOf);
    },

    "scim.createDirectory": (rawInput) => {
      const user = requireRole("admin");
      const input = parseInput(createScimDirectoryInput, rawInput);
      if (db.scim.directories.some((directory) => directory.name === input.name)) {
        const message = `A SCIM directory named "${input.name}" already exists.`;
        throw new TrpcMockError("CONFLICT", message, { name: [message] });
      }
      const now = new Date();
      const directory: MockScimDirectory = {
        id: crypto.randomUUID(),
        name: input.name,
        systemKey: input.systemKey ?? input.name,
        systemName: input.systemName ?? input.name,
        createdBy: `user:${user.id}`,
        createdAt: now.toISOString(),
        lastChangeAt: null,
        lastSnapshotAt: null,
        users: [],
        groups: [],
        tokens: [],
      };
      db.scim.directories.push(directory);
      appendLedgerEvent(
        db.ledger,
        { actor: `user:${user.id}`, action: "scim.directory_created", subjectIds: [directory.id] },
        now,
      );
      const {
        users: _users,
        groups: _groups,
        tokens: _tokens,
        lastSnapshotAt: _at,
        ...record
      } = directory;
      return record;
    },

    "scim.tokens": (rawInput) => {
      requireRole("admin");
      const input = parseInput(scimDirectoryRef, rawInput);
      return sortedTokens(findDirectory(input.directoryId).tokens);
    },

    "scim.createToken": (rawInput) => {
      const user = requireRole("admin");
      const input = parseInput(createScimTokenInput, rawInput);
      const directory = findDirectory(input.directoryId);
      const now = new Date();
      const tokenRecord: ScimToken = {
        id: crypto.randomUUID(),
        directoryId: directory.id,
        name: input.name,
        createdBy: `user:${user.id}`,
        createdByName: user.displayName,
        createdAt: now.toISOString(),
        lastUsedAt: null,
        revokedAt: null,
        revokedBy: null,
        revokedByName: null,
      };
      directory.tokens.push(tokenRecord);
      appendLedgerEvent(
        db.ledger,
        {
          actor: `user:${user.id}`,
          action: "scim.token_created",
          subjectIds: [directory.id, tokenRecord.id],
        },
        now,
      );
      const { createdByName: _created, revokedByName: _revoked, ...record } = tokenRecord;
      return { token: newToken(), tokenRecord: record };
    },

    "scim.revokeToken": (rawInput) => {
      const user = requireRole("admin");
      const input = parseInput(revokeScimTokenInput, rawInput);
      const token = db.scim.directories
        .flatMap((directory) => directory.tokens)
        .find((candidate) => candidate.id === input.tokenId);
      if (!token) {
        throw new TrpcMockError("NOT_FOUND", "No SCIM token with that id.", {
          tokenId: ["No SCIM token with that id."],
        });
      }
      if (token.revokedAt) {
        throw new TrpcMockError("CONFLICT", "That token was already revoked.", {
          tokenId: ["That token was already revoked."],
        });
      }
      const now = new Date();
      Object.assign(token, {
        revokedAt: now.toISOString(),
        revokedBy: `user:${user.id}`,
        revokedByName: user.displayName,
      } satisfies Partial<ScimToken>);
      appendLedgerEvent(
        db.ledger,
        {
          actor: `user:${user.id}`,
          action: "scim.token_revoked",
          subjectIds: [token.directoryId, token.id],
        },
        now,
      );
      const { createdByName: _created, revokedByName: _revoked, ...record } = token;
      return record;
    },

    "scim.snapshotNow": (rawInput) => {
      const user = requireRole("admin");
      const input = parseInput(scimDirectoryRef, rawInput);
      const directory = findDirectory(input.directoryId);
      const inventory = db.inventoryData;
      const raw = rollUp(directory);
      const population = buildPopulation(raw, 200 + inventory.snapshots.length);
      const now = new Date();
      const rowCounts = {
        identities: raw.identities.length,
        systems: raw.systems.length,
        entitlements: raw.entitlements.length,
        accounts: raw.accounts.length,
        grants: population.grants.length,
      };
      appendLedgerEvent(
        db.ledger,
        { actor: `user:${user.id}`, action: "snapshot.imported", subjectIds: [directory.id] },
        now,
      );
      const ledgerSeq = db.ledger.events.length;
      const snapshot: Snapshot = {
        id: crypto.randomUUID(),
        source: `scim:${directory.name}`,
        importedBy: `user:${user.id}`,
        importedByName: user.displayName,
        importedAt: now.toISOString(),
        rowCounts,
        fileHashes: {},
        parameters: {
          directoryId: directory.id,
          directoryName: directory.name,
          systemKey: directory.systemKey,
          ledgerSeq,
          rolledUpAt: now.toISOString(),
        },
      };
      inventory.snapshots.unshift(snapshot);
      inventory.populations.set(snapshot.id, population);
      db.inventory = summarizePopulation(population, {
        id: snapshot.id,
        source: snapshot.source,
        importedBy: snapshot.importedBy,
        importedByName: snapshot.importedByName,
        importedAt: snapshot.importedAt,
        rowCounts,
      });
      directory.lastSnapshotAt = snapshot.importedAt;
      return { snapshotId: snapshot.id, source: snapshot.source, rowCounts, ledgerSeq };
    },
  };
}
