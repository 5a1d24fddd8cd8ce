-- Issue 5: campaign definitions with stages, reminders and escalation; campaigns launched once
-- per scheduled occurrence; review items that record why they went to their reviewer and what
-- closing did to them; every notification sent.

alter table campaign_definitions
  add column named_reviewer_id uuid references users (id),
  add column second_stage jsonb,
  add column reminders jsonb not null default '{"daysBeforeDue": [7, 3, 1]}'::jsonb,
  add column escalation jsonb not null
    default '{"toManagerAfterDays": 1, "toControlOwnerAfterDays": 3}'::jsonb,
  -- the next time the scheduler launches this definition (null: not scheduled)
  add column next_run_at timestamptz,
  add column updated_at timestamptz,
  add column archived_at timestamptz;
create index campaign_definitions_next_run_idx on campaign_definitions (next_run_at)
  where next_run_at is not null and archived_at is null;

alter table campaigns
  -- who launched it: "user:<id>" by hand, "system:scheduler" on schedule
  add column launched_by text,
  -- the scheduled occurrence it was launched for; null when launched by hand
  add column occurrence_at timestamptz,
  add column closed_by text,
  add column cancelled_at timestamptz,
  add column cancelled_by text,
  -- a definition's scheduled occurrence launches exactly once, whatever restarts or instances
  add constraint campaigns_occurrence_key unique (definition_id, occurrence_at);

alter table review_items
  -- the reviewer the strategy named, when separation of duties or a reassignment moved the item
  add column routed_from_id uuid references users (id),
  add column routing_reason text check (
    routing_reason in ('self_review', 'owns_identity', 'uses_identity', 'no_strategy_reviewer', 'reassigned')
  ),
  add column routing_note text,
  -- certifier independence: the reviewer holds privileged access on the system under review
  add column reviewer_holds_privileged boolean not null default false,
  -- for a stage-two item, the stage-one item it follows
  add column previous_stage_item_id uuid references review_items (id),
  -- set at close for an item nobody decided: the definition's undecided rule, applied
  add column close_outcome text check (close_outcome in ('kept', 'revoked', 'not_reviewed')),
  add check (decision is null or close_outcome is null);
create index review_items_campaign_reviewer_idx on review_items (campaign_id, reviewer_id);

-- Every notification sent: one digest per reviewer and occasion, never one mail per item.
create table notifications (
  id uuid primary key,
  campaign_id uuid not null references campaigns (id),
  recipient_id uuid not null references users (id),
  kind text not null check (kind in ('launch', 'reminder', 'escalation', 'overdue')),
  -- the occasion, e.g. "reminder:3" (three days before due), so each one is sent once
  occasion text not null,
  -- for an escalation: whose pending items it is about
  about_reviewer_id uuid references users (id),
  item_count integer not null check (item_count >= 0),
  sent_at timestamptz not null,
  message_id text,
  unique nulls not distinct (campaign_id, recipient_id, occasion, about_reviewer_id)
);
create index notifications_campaign_idx on notifications (campaign_id, recipient_id, sent_at desc);

grant select, insert, update on campaign_definitions, campaigns, review_items to attest_app;
grant select, insert on notifications to attest_app;
