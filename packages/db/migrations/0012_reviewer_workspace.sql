-- Issue 6: the reviewer workspace.

-- How far ahead an exception may run before the access comes back into review. A definition
-- sets it, and a campaign keeps the value it was launched with, like its other rules.
alter table campaign_definitions
  add column max_exception_days integer not null default 180
    check (max_exception_days between 1 and 730);
alter table campaigns
  add column max_exception_days integer;
update campaigns c set max_exception_days = d.max_exception_days
from campaign_definitions d
where d.id = c.definition_id;
alter table campaigns
  alter column max_exception_days set default 180,
  alter column max_exception_days set not null,
  add check (max_exception_days between 1 and 730);

-- The decision as recorded: an exception's compensating control, and the diligence signals
-- (time on the item, a bulk action, the context opened) control owners read later. Null where
-- unknown: decisions before this migration, and undecided items.
alter table review_items
  add column compensating_control text,
  add column decision_time_ms integer check (decision_time_ms >= 0),
  add column decided_in_bulk boolean,
  add column context_viewed boolean,
  add check (decision = 'exception' or compensating_control is null);

-- The reviewer's queue in its default order (by person, review-queue.ts queueOrder.person): the
-- first page of a 10,000-item queue reads 200 index entries instead of sorting every item's
-- frozen context. Grouping by entitlement sorts (a top-N sort of one reviewer's items).
create index review_items_queue_person_idx on review_items (
  campaign_id, reviewer_id,
  (context #>> '{identity,displayName}'), (context #>> '{identity,externalId}'),
  (context #>> '{system,name}'), (context #>> '{system,key}'),
  (context #>> '{entitlement,name}'), (context #>> '{entitlement,key}'), id
);
