-- A snapshot's rows reference rows of the same snapshot, checked by composite foreign keys:
-- an account's system and identity, a grant's account and entitlement all carry the
-- snapshot id. This is stronger than the single-column keys it replaces (a grant could not
-- point into another snapshot before either) and cheaper to load: a grant is now checked
-- twice, not three times, and an account twice. Loading a million grants spends most of its
-- time in these per-row checks (docs/decisions/007-snapshot-keys.md).

create unique index identities_id_snapshot_key on identities (id, snapshot_id);
create unique index systems_id_snapshot_key on systems (id, snapshot_id);
create unique index entitlements_id_snapshot_key on entitlements (id, snapshot_id);
create unique index accounts_id_snapshot_key on accounts (id, snapshot_id);

alter table accounts
  drop constraint accounts_snapshot_id_fkey,
  drop constraint accounts_system_id_fkey,
  drop constraint accounts_identity_id_fkey,
  add constraint accounts_system_fkey foreign key (system_id, snapshot_id)
    references systems (id, snapshot_id),
  add constraint accounts_identity_fkey foreign key (identity_id, snapshot_id)
    references identities (id, snapshot_id);

alter table grants
  drop constraint grants_snapshot_id_fkey,
  drop constraint grants_account_id_fkey,
  drop constraint grants_entitlement_id_fkey,
  add constraint grants_account_fkey foreign key (account_id, snapshot_id)
    references accounts (id, snapshot_id),
  add constraint grants_entitlement_fkey foreign key (entitlement_id, snapshot_id)
    references entitlements (id, snapshot_id);

-- One index serves "a snapshot's grants" and "a snapshot's grants of one entitlement".
drop index grants_snapshot_idx;
drop index grants_entitlement_idx;
create index grants_snapshot_entitlement_idx on grants (snapshot_id, entitlement_id);
