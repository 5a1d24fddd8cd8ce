-- A snapshot's grant changes against the previous snapshot of the same source, computed once:
-- both snapshots are frozen, so the diff never changes, and comparing two million-grant
-- snapshots on every page view would take seconds.

create table snapshot_diffs (
  snapshot_id uuid primary key references inventory_snapshots (id),
  previous_snapshot_id uuid not null references inventory_snapshots (id),
  added integer not null,
  removed integer not null,
  changed integer not null,
  computed_at timestamptz not null default now()
);

create table snapshot_grant_changes (
  snapshot_id uuid not null references inventory_snapshots (id),
  -- position in the diff's order: system, account, entitlement (collation "C")
  seq integer not null,
  change text not null check (change in ('added', 'removed', 'changed')),
  system_key text not null,
  username text not null,
  entitlement_key text not null,
  before jsonb,
  after jsonb,
  primary key (snapshot_id, seq)
);
create index snapshot_grant_changes_change_idx on snapshot_grant_changes (snapshot_id, change, seq);

grant select, insert on snapshot_diffs, snapshot_grant_changes to attest_app;
