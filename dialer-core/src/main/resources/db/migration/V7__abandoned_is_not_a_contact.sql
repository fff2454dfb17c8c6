-- A person who answered but got no agent (abandoned), or hung up waiting for one, had no
-- conversation: not a contact in the contact rate or the recovery report. (The compliance guard
-- counts these calls by their own outcome, ABANDONED / ANSWERED, unchanged.)
update disposition_code set is_contact = false where code in ('ABANDONED', 'CALLEE_HUNG_UP');
update campaign_disposition set is_contact = false where code in ('ABANDONED', 'CALLEE_HUNG_UP');

-- When the dialplan gave up on finding an agent: the abandonment counts from that moment, not
-- only once the safe-harbor message has played and the call has ended.
alter table call_attempt add column abandoned_at timestamptz;
