-- Foundation schema: people and machines, what they can reach, and the campaigns that review it.
-- Every inventory row belongs to one inventory snapshot, so a campaign that reviews a snapshot
-- reviews a population that can never shift under it (see docs/decisions/004-frozen-snapshots.md).

create table users (
  id uuid primary key default gen_random_uuid(),
  email text not null unique,
  display_name text not null,
  -- external id of the identity this user is (e.g. an employee number); separation-of-duties
  -- rules compare it with the identity under review, across snapshots
  identity_key text,
  status text not null default 'active' check (status in ('active', 'disabled')),
  created_at timestamptz not null default now()
);

create table role_assignments (
  user_id uuid not null references users (id),
  role text not null check (role in ('reviewer', 'control_owner', 'auditor', 'admin')),
  assigned_at timestamptz not null default now(),
  assigned_by text not null,
  primary key (user_id, role)
);

create table sessions (
  -- SHA-256 of the random session token; the token itself only ever lives in the cookie
  token_hash bytea primary key,
  user_id uuid not null references users (id),
  auth_method text not null check (auth_method in ('dev', 'oidc')),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  revoked_at timestamptz
);
create index sessions_user_idx on sessions (user_id);

create table inventory_snapshots (
  id uuid primary key default gen_random_uuid(),
  source text not null,
  imported_by text not null,
  imported_at timestamptz not null default now(),
  row_counts jsonb not null,
  file_hashes jsonb not null default '{}'::jsonb,
  parameters jsonb not null default '{}'::jsonb
);
create index inventory_snapshots_source_idx on inventory_snapshots (source, imported_at desc);

create table identities (
  id uuid primary key default gen_random_uuid(),
  snapshot_id uuid not null references inventory_snapshots (id),
  external_id text not null,
  kind text not null check (
    kind in ('employee', 'contractor', 'third_party', 'service_account', 'api_key', 'workload', 'bot')
  ),
  display_name text not null,
  email text,
  department text,
  title text,
  manager_id uuid references identities (id) deferrable initially deferred,
  -- accountable human owner of a non-human identity
  owner_id uuid references identities (id) deferrable initially deferred,
  status text not null check (status in ('active', 'suspended', 'terminated')),
  terminated_on date,
  last_rotated_at timestamptz,
  last_used_at timestamptz,
  unique (snapshot_id, external_id),
  constraint non_human_identity_has_owner check (
    kind in ('employee', 'contractor', 'third_party') or owner_id is not null
  )
);
create index identities_manager_idx on identities (manager_id);
create index identities_owner_idx on identities (owner_id);

create table systems (
  id uuid primary key default gen_random_uuid(),
  snapshot_id uuid not null references inventory_snapshots (id),
  key text not null,
  name text not null,
  description text,
  owner_id uuid references identities (id),
  criticality text not null check (criticality in ('low', 'medium', 'high', 'critical')),
  sox_in_scope boolean not null,
  unique (snapshot_id, key)
);

create table entitlements (
  id uuid primary key default gen_random_uuid(),
  snapshot_id uuid not null references inventory_snapshots (id),
  system_id uuid not null references systems (id),
  key text not null,
  name text not null,
  description text,
  privileged boolean not null,
  risk text not null check (risk in ('low', 'medium', 'high', 'critical')),
  owner_id uuid references identities (id),
  unique (system_id, key)
);

create table accounts (
  id uuid primary key default gen_random_uuid(),
  snapshot_id uuid not null references inventory_snapshots (id),
  system_id uuid not null references systems (id),
  -- null: an orphan account that no identity owns
  identity_id uuid references identities (id),
  username text not null,
  status text not null check (status in ('active', 'disabled')),
  last_login_at timestamptz,
  unique (system_id, username)
);
create index accounts_identity_idx on accounts (identity_id);

create table grants (
  id uuid primary key default gen_random_uuid(),
  snapshot_id uuid not null references inventory_snapshots (id),
  account_id uuid not null references accounts (id),
  entitlement_id uuid not null references entitlements (id),
  granted_at timestamptz,
  granted_by text,
  ticket text,
  expires_at timestamptz,
  last_used_at timestamptz,
  unique (account_id, entitlement_id)
);
create index grants_snapshot_idx on grants (snapshot_id);
create index grants_entitlement_idx on grants (entitlement_id);

create table campaign_definitions (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  description text,
  control_id text not null,
  control_owner_id uuid not null references users (id),
  -- scope over a snapshot: systems, entitlements, privileged only, risk, identity kinds
  scope jsonb not null,
  reviewer_strategy text not null check (
    reviewer_strategy in ('manager', 'entitlement_owner', 'system_owner', 'identity_owner', 'named')
  ),
  fallback_reviewer_id uuid not null references users (id),
  duration_days integer not null check (duration_days between 1 and 365),
  undecided_rule text not null check (undecided_rule in ('keep', 'revoke', 'not_reviewed')),
  justification_required jsonb not null default '{"approve": false, "revoke": true}'::jsonb,
  recurrence text,
  created_at timestamptz not null default now(),
  created_by text not null
);

create table campaigns (
  id uuid primary key default gen_random_uuid(),
  definition_id uuid not null references campaign_definitions (id),
  name text not null,
  status text not null check (
    status in ('draft', 'scheduled', 'active', 'closed', 'signed_off', 'cancelled')
  ),
  snapshot_id uuid not null references inventory_snapshots (id),
  starts_at timestamptz not null,
  due_at timestamptz not null,
  closed_at timestamptz,
  signed_off_at timestamptz,
  signed_off_by uuid references users (id),
  sign_off_statement text,
  created_at timestamptz not null default now(),
  check (due_at > starts_at)
);
create index campaigns_status_idx on campaigns (status);

create table review_items (
  id uuid primary key default gen_random_uuid(),
  campaign_id uuid not null references campaigns (id),
  grant_id uuid not null references grants (id),
  stage smallint not null default 1,
  reviewer_id uuid not null references users (id),
  decision text check (decision in ('approve', 'revoke', 'exception')),
  decided_by uuid references users (id),
  decided_at timestamptz,
  justification text,
  exception_expires_on date,
  -- what the reviewer sees, frozen when the item was generated
  context jsonb not null,
  -- optimistic concurrency: a decision names the version it was made against
  version integer not null default 1,
  created_at timestamptz not null default now(),
  unique (campaign_id, grant_id, stage),
  check ((decision is null) = (decided_at is null)),
  check ((decision is null) = (decided_by is null)),
  check (decision <> 'exception' or exception_expires_on is not null)
);
create index review_items_reviewer_idx on review_items (reviewer_id, campaign_id);
create index review_items_campaign_idx on review_items (campaign_id, decision);
