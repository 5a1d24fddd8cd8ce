-- Issue 5: delivery of the notifications 0008 records, and the control owner's dashboard.

-- A notification is recorded (row + notification.sent evidence, with the Message-ID it will
-- carry) before the mail is handed to SMTP, so no crash or second instance can send it twice.
-- These columns say what happened to the hand-over afterwards: delivered, failed (retried
-- with backoff), or neither (the process stopped mid-send: never retried, shown as unconfirmed).
alter table notifications
  add column delivered_at timestamptz,
  add column delivery_error text,
  add column delivery_attempts integer not null default 1 check (delivery_attempts > 0),
  add column last_attempt_at timestamptz;
create index notifications_failed_idx on notifications (last_attempt_at)
  where delivered_at is null and delivery_error is not null;
create index notifications_message_idx on notifications (message_id);
grant update (delivered_at, delivery_error, delivery_attempts, last_attempt_at)
  on notifications to attest_app;

-- Escalation finds a reviewer's manager through the snapshot: user → identity → manager → user.
create index users_identity_key_idx on users (identity_key) where identity_key is not null;

-- The dashboard counts a whole campaign's items on every view (100,000 at the bench). Each of
-- its queries reads one narrow index of the campaign and never the wide rows (their frozen
-- context is most of the table): index-only scans once autovacuum has set the visibility map.
-- The system under review is frozen in each item's context; a stored copy makes it indexable
-- (PostgreSQL cannot answer from an expression index alone).
alter table review_items
  add column system_key text generated always as (context #>> '{system,key}') stored;

-- Same keys as before, so every existing query keeps its plan; the included columns let the
-- decision mix, completion per day and per-reviewer counts stay in the index.
drop index review_items_campaign_idx;
create index review_items_campaign_idx on review_items (campaign_id, decision)
  include (decided_at, close_outcome, routing_reason);
drop index review_items_campaign_reviewer_idx;
create index review_items_campaign_reviewer_idx on review_items (campaign_id, reviewer_id)
  include (decision, reviewer_holds_privileged);
create index review_items_campaign_system_idx on review_items (campaign_id, system_key)
  include (decision);
