-- Issue 5: a campaign with a second stage moves to it once (when stage one ends or its control
-- owner advances it). From then on its stage-one items are closed to decisions, and nobody has
-- to infer the stage from which items happen to exist (a stage one of only revokes opens none).
alter table campaigns
  add column current_stage smallint not null default 1 check (current_stage in (1, 2)),
  add column stage_advanced_at timestamptz,
  add check ((current_stage = 1) = (stage_advanced_at is null));

-- The scheduler's per-tick lookups: due scheduled campaigns, active ones still in stage one.
create index campaigns_scheduler_idx on campaigns (status, starts_at)
  where status in ('scheduled', 'active');
-- A stage-one item's stage-two successor.
create index review_items_previous_stage_idx on review_items (previous_stage_item_id)
  where previous_stage_item_id is not null;
