-- Issue 7: the auditor's workspace. An engagement bounds what an auditor may read to the
-- campaigns launched inside its period; granting and revoking one are evidence events. A sample
-- is kept with everything needed to re-draw it (docs/audit-sampling.md).

create table audit_engagements (
  id uuid primary key default gen_random_uuid(),
  auditor_id uuid not null references users (id),
  name text not null check (length(name) between 1 and 200),
  period_start date not null,
  period_end date not null,
  granted_by uuid not null references users (id),
  granted_at timestamptz not null default now(),
  revoked_at timestamptz,
  revoked_by uuid references users (id),
  check (period_end >= period_start),
  check ((revoked_at is null) = (revoked_by is null))
);
create index audit_engagements_auditor_idx on audit_engagements (auditor_id) where revoked_at is null;

create table audit_samples (
  id uuid primary key default gen_random_uuid(),
  definition_id uuid not null references campaign_definitions (id),
  period_start date not null,
  period_end date not null,
  seed text not null check (length(seed) between 1 and 100),
  size integer not null check (size between 1 and 500),
  stratify_by text check (stratify_by in ('system', 'privileged', 'identity_kind')),
  population_count integer not null check (population_count >= 0),
  population_sha256 text not null check (population_sha256 ~ '^[0-9a-f]{64}$'),
  -- per stratum: {"population": n, "sample": k}
  strata jsonb not null,
  -- the sampled review items in draw order (ascending sampling key)
  item_ids uuid[] not null,
  drawn_by uuid not null references users (id),
  drawn_at timestamptz not null default now(),
  -- the audit.sample_drawn event that recorded the draw
  evidence_seq bigint not null,
  check (period_end >= period_start)
);
create index audit_samples_drawn_at_idx on audit_samples (drawn_at desc);

-- Population and engagement reads select campaigns by definition and launch time.
create index campaigns_definition_starts_idx on campaigns (definition_id, starts_at);

grant select, insert, update on audit_engagements to attest_app;
grant select, insert on audit_samples to attest_app;
