-- SCIM 2.0 provisioning (RFC 7643/7644): an identity provider (Okta, Entra ID) pushes people and
-- group memberships into a directory here. These tables are live, mutable state; campaigns never
-- review them directly but a frozen snapshot rolled up from them (docs/scim.md).

create table scim_directories (
  id uuid primary key,
  -- the evidence actor of the directory's changes is "system:scim.<name>", so the name must fit
  -- the ledger's actor grammar (0002_evidence_ledger.sql)
  name text not null unique check (name ~ '^[a-z0-9][a-z0-9_-]{0,62}$'),
  -- the system its memberships are grants on, in the snapshots this directory rolls up into
  system_key text not null check (length(system_key) between 1 and 200),
  system_name text not null check (length(system_name) between 1 and 200),
  created_by text not null,
  created_at timestamptz not null,
  -- the last user or group change pushed into it; deletions leave no row to read it from
  last_change_at timestamptz
);

create table scim_tokens (
  id uuid primary key,
  directory_id uuid not null references scim_directories (id),
  name text not null check (length(name) between 1 and 200),
  -- SHA-256 of the bearer token: the token is shown once when created and never stored
  token_hash bytea not null unique,
  created_by text not null,
  created_at timestamptz not null,
  last_used_at timestamptz,
  revoked_at timestamptz,
  revoked_by text,
  check ((revoked_at is null) = (revoked_by is null))
);
create index scim_tokens_directory_idx on scim_tokens (directory_id, created_at);

create table scim_users (
  -- the SCIM id we assign and the IdP refers to the user by
  id uuid primary key,
  directory_id uuid not null references scim_directories (id),
  user_name text not null check (user_name <> ''),
  external_id text,
  active boolean not null,
  display_name text,
  given_name text,
  family_name text,
  emails jsonb not null default '[]'::jsonb,
  user_type text,
  title text,
  employee_number text,
  department text,
  -- the manager as the IdP named it (enterprise extension manager.value); it may name no user here
  manager_value text,
  -- when active last turned false; becomes the identity's termination date in a snapshot
  deactivated_at timestamptz,
  -- the resource as last accepted, without id, meta and password: what GET returns
  resource jsonb not null,
  -- meta.version (ETag W/"n"): bumped by every change
  version integer not null default 1 check (version > 0),
  created_at timestamptz not null,
  updated_at timestamptz not null
);
-- userName is case-insensitive (RFC 7643 §4.1.1 caseExact false), and so is its uniqueness
create unique index scim_users_user_name_idx on scim_users (directory_id, lower(user_name));
create index scim_users_external_id_idx on scim_users (directory_id, external_id);

create table scim_groups (
  id uuid primary key,
  directory_id uuid not null references scim_directories (id),
  display_name text not null check (display_name <> ''),
  external_id text,
  version integer not null default 1 check (version > 0),
  created_at timestamptz not null,
  updated_at timestamptz not null
);
-- a group becomes an entitlement a reviewer reads by name: two groups of one name would be
-- indistinguishable in a campaign
create unique index scim_groups_display_name_idx on scim_groups (directory_id, lower(display_name));
create index scim_groups_external_id_idx on scim_groups (directory_id, external_id);

create table scim_group_members (
  group_id uuid not null references scim_groups (id) on delete cascade,
  user_id uuid not null references scim_users (id) on delete cascade,
  -- when the IdP added the member: the grant's granted_at in a snapshot
  added_at timestamptz not null,
  primary key (group_id, user_id)
);
create index scim_group_members_user_idx on scim_group_members (user_id);

grant select, insert, update, delete on
  scim_directories, scim_tokens, scim_users, scim_groups, scim_group_members
  to attest_app;
