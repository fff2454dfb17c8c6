-- Issue 10: carrier trunks defined in the dialer, and what a SIP call's end means.

-- The far end's SIP final response of a call over a trunk (the Hangup event's TechCause), when one came.
alter table call_attempt add column sip_status int;

-- SIP outcomes the Q.850 cause alone could not tell apart, each with its own default retry.
-- A person who declined is not called again the same day; a number format the carrier refused is
-- our dial string's problem as often as the number's: it does not mark the number invalid.
insert into disposition_code (code, label, kind, is_contact, is_right_party, is_final, marks_number_invalid, retry_minutes) values
    ('DECLINED',              'Declined the call (SIP 603/607/608)',              'SYSTEM', false, false, false, false, 1440),
    ('REJECTED',              'Rejected by the called side (SIP 403)',            'SYSTEM', false, false, false, false, 240),
    ('REDIRECTED',            'Redirected or forwarded by the carrier (SIP 3xx)', 'SYSTEM', false, false, false, false, 120),
    ('NUMBER_FORMAT_REFUSED', 'Number format refused by the carrier (SIP 484)',   'SYSTEM', false, false, false, false, 1440)
on conflict (code) do nothing;
insert into campaign_disposition (campaign_id, code, label, kind, is_contact, is_right_party, is_final,
    marks_number_invalid, adds_to_dnc, needs_promise, needs_callback, retry_minutes)
select c.id, d.code, d.label, d.kind, d.is_contact, d.is_right_party, d.is_final, d.marks_number_invalid, d.adds_to_dnc,
       d.needs_promise, d.needs_callback, d.retry_minutes
  from campaign c cross join disposition_code d
 where d.code in ('DECLINED', 'REJECTED', 'REDIRECTED', 'NUMBER_FORMAT_REFUSED')
on conflict (campaign_id, code) do nothing;

-- Carrier trunks: rendered into Asterisk's PJSIP configuration (an endpoint, aor, auth, identify and
-- optional registration named after the trunk), reloaded without a restart.
create table trunk (
    id                         bigint generated always as identity primary key,
    name                       text        not null unique check (name ~ '^[a-z][a-z0-9_-]{1,39}$'),
    host                       text        not null,
    port                       int         not null check (port between 1 and 65535),
    transport                  text        not null check (transport in ('udp', 'tcp', 'tls')),
    username                   text,
    password                   text,
    register                   boolean     not null default false,
    from_domain                text        not null,
    caller_id_policy           text        not null check (caller_id_policy in ('CAMPAIGN', 'FIXED')),
    fixed_caller_id            text,
    max_calls                  int         not null check (max_calls between 1 and 100000),
    calls_per_second           int         not null check (calls_per_second between 1 and 10000),
    codecs                     text        not null,
    external_media_address     text,
    rtp_timeout                int         not null check (rtp_timeout between 0 and 3600),
    qualify_frequency          int         not null check (qualify_frequency between 0 and 3600),
    created_by                 text        not null,
    created_at                 timestamptz not null,
    updated_at                 timestamptz not null
);
