-- The evidence ledger: an append-only, hash-chained record of every change an auditor relies on.

create table evidence_events (
  -- gap-free: assigned under an advisory lock in the transaction that makes the change, so a
  -- missing number always means a missing event (a sequence would leave gaps on rollback)
  seq bigint primary key check (seq > 0),
  recorded_at timestamptz not null,
  actor text not null check (actor ~ '^(user:[0-9a-f-]{36}|system:[a-z0-9_.-]+)$'),
  action text not null check (action ~ '^[a-z_]+\.[a-z_]+$'),
  subject_ids text[] not null,
  payload_version integer not null check (payload_version > 0),
  payload jsonb not null,
  prev_hash text not null check (prev_hash ~ '^[0-9a-f]{64}$'),
  hash text not null unique check (hash ~ '^[0-9a-f]{64}$')
);
create index evidence_events_action_idx on evidence_events (action, seq);
create index evidence_events_subjects_idx on evidence_events using gin (subject_ids);

create table evidence_checkpoints (
  tree_size bigint primary key check (tree_size > 0),
  root_hash text not null check (root_hash ~ '^[0-9a-f]{64}$'),
  -- the whole C2SP signed note, exactly as signed
  note text not null,
  key_fingerprint text not null,
  created_at timestamptz not null default now()
);

-- Evidence is append-only for everyone, administrators and the table owner included.
create function refuse_evidence_change() returns trigger language plpgsql as $$
begin
  raise exception 'evidence is append-only: % on % is refused', tg_op, tg_table_name
    using errcode = 'insufficient_privilege';
end
$$;

create trigger evidence_events_append_only before update or delete on evidence_events
  for each row execute function refuse_evidence_change();
create trigger evidence_events_no_truncate before truncate on evidence_events
  for each statement execute function refuse_evidence_change();
create trigger evidence_checkpoints_append_only before update or delete on evidence_checkpoints
  for each row execute function refuse_evidence_change();
create trigger evidence_checkpoints_no_truncate before truncate on evidence_checkpoints
  for each statement execute function refuse_evidence_change();

-- The role the application runs as: full use of business tables, INSERT and SELECT only on
-- the ledger. Roles are cluster-wide, so it may already exist from another database.
do $$
begin
  if not exists (select from pg_roles where rolname = 'attest_app') then
    create role attest_app nologin;
  end if;
end
$$;

grant usage on schema public to attest_app;
grant select on schema_migrations to attest_app;
grant select, insert, update, delete on
  users, role_assignments, sessions, inventory_snapshots, identities, systems, entitlements,
  accounts, grants, campaign_definitions, campaigns, review_items
  to attest_app;
grant select, insert on evidence_events, evidence_checkpoints to attest_app;
