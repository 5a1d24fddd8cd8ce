-- A campaign keeps the rules it was launched with. Closing applies the undecided rule, the
-- second stage opens, reminders and escalations go out and justifications are required as
-- they were at launch (and as the campaign.launched event recorded them): editing the
-- definition later changes future campaigns only.

alter table campaigns
  add column undecided_rule text check (undecided_rule in ('keep', 'revoke', 'not_reviewed')),
  add column second_stage jsonb,
  add column reminders jsonb,
  add column escalation jsonb,
  add column justification_required jsonb;

update campaigns c
set undecided_rule = d.undecided_rule, second_stage = d.second_stage, reminders = d.reminders,
    escalation = d.escalation, justification_required = d.justification_required
from campaign_definitions d
where d.id = c.definition_id;

alter table campaigns
  alter column undecided_rule set not null,
  alter column reminders set not null,
  alter column escalation set not null,
  alter column justification_required set not null;
