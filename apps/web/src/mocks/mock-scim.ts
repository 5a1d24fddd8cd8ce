import type { RouterOutputs } from "@/lib/trpc";

/**
 * SCIM directories for mock mode and component tests: one Okta directory that an identity
 * provider has already filled from the demo people, with a live and a revoked token.
 */

export type ScimDirectoryOverview = RouterOutputs["scim"]["directories"][number];
export type ScimToken = RouterOutputs["scim"]["tokens"][number];

export interface MockScimUser {
  id: string;
  userName: string;
  displayName: string;
  email: string;
  active: boolean;
}

export interface MockScimGroup {
  id: string;
  displayName: string;
  members: { userId: string; addedAt: string }[];
}

export interface MockScimDirectory {
  id: string;
  name: string;
  systemKey: string;
  systemName: string;
  createdBy: string;
  createdAt: string;
  lastChangeAt: string | null;
  lastSnapshotAt: string | null;
  users: MockScimUser[];
  groups: MockScimGroup[];
  tokens: ScimToken[];
}

export interface MockScim {
  directories: MockScimDirectory[];
}

const minuteMs = 60_000;
const dayMs = 86_400_000;

function mockId(kind: number, index: number): string {
  return `00000000-0000-4000-8${kind.toString(16).padStart(3, "0")}-${index.toString(16).padStart(12, "0")}`;
}

const groupNames = [
  "Finance – NetSuite approvers",
  "Finance – close team",
  "Engineering – AWS production",
  "People – Workday admins",
  "Sales – Salesforce users",
];

export function createMockScim({
  now,
  people,
  admin,
}: {
  now: Date;
  people: readonly { displayName: string; email: string }[];
  admin: { id: string; displayName: string };
}): MockScim {
  const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();
  const users: MockScimUser[] = people.slice(0, 42).map((person, index) => ({
    id: mockId(0xa1, index + 1),
    userName: person.email,
    displayName: person.displayName,
    email: person.email,
    // Two leavers the IdP has deactivated but not yet deleted.
    active: index % 19 !== 18,
  }));
  const groups: MockScimGroup[] = groupNames.map((displayName, groupIndex) => ({
    id: mockId(0xa2, groupIndex + 1),
    displayName,
    members: users
      .filter((_, userIndex) => (userIndex + groupIndex) % (groupIndex + 2) === 0)
      .map((user, memberIndex) => ({
        userId: user.id,
        addedAt: ago((40 + groupIndex * 3 + memberIndex) * dayMs),
      })),
  }));
  const directoryId = mockId(0xa0, 1);
  const createdBy = `user:${admin.id}`;
  return {
    directories: [
      {
        id: directoryId,
        name: "okta",
        systemKey: "okta",
        systemName: "Okta",
        createdBy,
        createdAt: ago(64 * dayMs),
        lastChangeAt: ago(12 * minuteMs),
        lastSnapshotAt: null,
        users,
        groups,
        tokens: [
          {
            id: mockId(0xa3, 2),
            directoryId,
            name: "Okta production",
            createdBy,
            createdByName: admin.displayName,
            createdAt: ago(30 * dayMs),
            lastUsedAt: ago(12 * minuteMs),
            revokedAt: null,
            revokedBy: null,
            revokedByName: null,
          },
          {
            id: mockId(0xa3, 1),
            directoryId,
            name: "Okta preview tenant",
            createdBy,
            createdByName: admin.displayName,
            createdAt: ago(64 * dayMs),
            lastUsedAt: ago(33 * dayMs),
            revokedAt: ago(30 * dayMs),
            revokedBy: createdBy,
            revokedByName: admin.displayName,
          },
        ],
      },
    ],
  };
}

/** scim.directories as the server computes it. */
export function overviewOf(directory: MockScimDirectory): ScimDirectoryOverview {
  const { users, groups, tokens, ...record } = directory;
  return {
    ...record,
    users: users.length,
    activeUsers: users.filter((user) => user.active).length,
    groups: groups.length,
    memberships: groups.reduce((sum, group) => sum + group.members.length, 0),
    activeTokens: tokens.filter((token) => token.revokedAt === null).length,
  };
}

/** Live tokens first, newest first, as the server lists them. */
export function sortedTokens(tokens: readonly ScimToken[]): ScimToken[] {
  return [...tokens].sort(
    (a, b) =>
      Number(a.revokedAt !== null) - Number(b.revokedAt !== null) ||
      b.createdAt.localeCompare(a.createdAt) ||
      a.id.localeCompare(b.id),
  );
}
