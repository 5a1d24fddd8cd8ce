-- Every import attempt, successful or not, with its report: who imported what, when, and what
-- was wrong with it. A failed import leaves no snapshot, but its report stays here.

create table inventory_imports (
  id uuid primary key,
  source text not null,
  status text not null check (status in ('running', 'succeeded', 'failed')),
  started_by text not null,
  started_at timestamptz not null default now(),
  finished_at timestamptz,
  snapshot_id uuid references inventory_snapshots (id),
  report jsonb
);
create index inventory_imports_started_idx on inventory_imports (started_at desc);

-- The inventory browser pages through a snapshot by name; these keep it fast at a million grants.
-- Orders use the "C" collation so PGlite and PostgreSQL (whatever its locale) sort alike, and
-- exports hash the same everywhere.
create index identities_snapshot_name_idx on identities (snapshot_id, (lower(display_name) collate "C"), id);
create index accounts_snapshot_username_idx on accounts (snapshot_id, (username collate "C"), id);
create index entitlements_snapshot_idx on entitlements (snapshot_id, system_id);

grant select, insert, update on inventory_imports to attest_app;

-- The population report's CSV export, hashed once when generated: a snapshot never changes, so
-- neither does its export, and an auditor can re-perform the hash.
create table population_exports (
  snapshot_id uuid primary key references inventory_snapshots (id),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  bytes bigint not null,
  rows bigint not null,
  file_name text not null,
  created_by text not null,
  created_at timestamptz not null default now()
);
grant select, insert on population_exports to attest_app;

-- Per-system and per-entitlement counts of a snapshot, computed once on first use: a snapshot
-- never changes, and counting a million grants on every page view would not answer in time.
create table snapshot_stats (
  snapshot_id uuid primary key references inventory_snapshots (id),
  computed_at timestamptz not null default now()
);
create table snapshot_system_stats (
  snapshot_id uuid not null references inventory_snapshots (id),
  system_id uuid not null references systems (id),
  entitlements integer not null,
  privileged_entitlements integer not null,
  accounts integer not null,
  orphan_accounts integer not null,
  grants integer not null,
  privileged_grants integer not null,
  primary key (snapshot_id, system_id)
);
create table snapshot_entitlement_stats (
  snapshot_id uuid not null references inventory_snapshots (id),
  entitlement_id uuid not null references entitlements (id),
  grants integer not null,
  primary key (snapshot_id, entitlement_id)
);
grant select, insert on snapshot_stats, snapshot_system_stats, snapshot_entitlement_stats to attest_app;
