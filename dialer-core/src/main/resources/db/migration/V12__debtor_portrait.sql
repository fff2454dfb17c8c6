-- The debtor's portrait (GET /api/debtors/{id}/portrait, and the agent's screen pop): what it reads
-- per debtor must be index-backed, since it is read at every screen pop.

-- A debtor's attempts, newest first (the screen pop's earlier calls read them the same way); before
-- this only the campaign's indexes existed, and a debtor's attempts were a sequential scan.
create index call_attempt_debtor on call_attempt (debtor_id, originated_at);

-- Delinquency buckets over time: the portrait reads them from account_bucket_history (V14), which
-- records every change of an account's bucket or balance.

-- A campaign's segment rules (null: the shipped defaults); written by PUT /api/campaigns/{id}/segment-rules.
alter table campaign add column segment_rules jsonb;
