-- Inbound callbacks: a debtor who calls back the number shown as caller id is routed by the dialer.

-- Which campaigns take inbound calls, and how long a caller waits for one of their agents.
create table campaign_inbound (
    campaign_id           bigint      primary key references campaign (id),
    accepts               boolean     not null default false,
    -- the caller waits this long (music on hold) for an agent; then a message and a callback task
    wait_seconds          int         not null default 60 check (wait_seconds between 5 and 600),
    -- the service level reported: this share of callers answered within this many seconds
    service_level_seconds int         not null default 20 check (service_level_seconds between 1 and 600),
    service_level_percent int         not null default 80 check (service_level_percent between 1 and 100),
    -- what a caller nobody could take hears (an Asterisk sound name); null: the safe-harbor default
    overflow_prompt       text,
    updated_by            text        not null,
    updated_at            timestamptz not null default now()
);

-- An inbound call is an attempt of its campaign, with no lead and no reservation (nothing was
-- dialed); its debtor is known when the caller's number is one debtor's, or once the agent chose
-- among several (or none).
alter table call_attempt add column direction text not null default 'OUTBOUND' check (direction in ('OUTBOUND', 'INBOUND'));
-- the caller's channel on its PBX: the dialer node that records it first takes the call
alter table call_attempt add column inbound_channel text;
create unique index call_attempt_inbound_channel on call_attempt (pbx, inbound_channel) where inbound_channel is not null;
alter table call_attempt alter column lead_id drop not null;
alter table call_attempt alter column debtor_id drop not null;
alter table call_attempt alter column phone_id drop not null;
alter table call_attempt add constraint call_attempt_outbound_has_lead
    check (direction = 'INBOUND' or (lead_id is not null and debtor_id is not null and phone_id is not null));
alter table call_attempt drop constraint call_attempt_call_path_check;
alter table call_attempt add constraint call_attempt_call_path_check
    check (call_path in ('AUTOMATIC', 'CALLBACK', 'MANUAL', 'PREVIEW', 'RETRY', 'INBOUND'));
create index call_attempt_inbound on call_attempt (campaign_id, originated_at) where direction = 'INBOUND';

-- The debtors whose number called in (more than one: the agent chooses who is on the line).
create table inbound_match (
    attempt_id bigint not null references call_attempt (id),
    debtor_id  bigint not null references debtor (id),
    phone_id   bigint not null references debtor_phone (id),
    primary key (attempt_id, debtor_id)
);

-- The disposition of an inbound call whose caller is nobody on file has no lead.
alter table disposition alter column lead_id drop not null;

insert into disposition_code (code, label, kind, is_contact, is_right_party, is_final, retry_minutes) values
    ('INBOUND_MISSED', 'Called in; nobody free in time (callback task)', 'SYSTEM', false, false, false, null),
    ('INBOUND_HUNG_UP', 'Called in; hung up waiting for an agent', 'SYSTEM', false, false, false, null);
insert into campaign_disposition (campaign_id, code, label, kind, is_contact, is_right_party, is_final, retry_minutes)
    select c.id, d.code, d.label, d.kind, d.is_contact, d.is_right_party, d.is_final, d.retry_minutes
    from campaign c cross join disposition_code d where d.code in ('INBOUND_MISSED', 'INBOUND_HUNG_UP');
