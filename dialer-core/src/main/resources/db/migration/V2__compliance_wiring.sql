-- What the compliance guard needs to know about a call, and the queue states it drives.

-- The campaign's rules: a jurisdiction preset and the campaign's own tightenings, e.g.
-- {"preset": "US", "maxAttemptsPerDebtorPerDay": 2, "callingHours": {"from": "09:00", "until": "20:00"},
--  "closedDates": ["2026-12-24"]}
alter table campaign add column compliance jsonb not null default '{"preset": "US"}';

-- Loosening a preset rule is explicit and audited: who, when, why. Applied to the campaign's
-- rule set (and stored again by the guard with the rule set version that uses it).
create table campaign_rule_override (
    id          bigint generated always as identity primary key,
    campaign_id bigint      not null references campaign (id),
    rule_id     text        not null,
    actor       text        not null,
    reason      text        not null,
    created_at  timestamptz not null default now(),
    unique (campaign_id, rule_id)
);

-- The callee's zones come from every source: an explicit zone, the address, the number.
alter table debtor add column time_zone text;
alter table debtor add column flags text[] not null default '{}';
create table debtor_address (
    id          bigint generated always as identity primary key,
    debtor_id   bigint not null references debtor (id),
    line1       text,
    city        text,
    state       text,
    postal_code text,
    country     text   not null default 'US' check (country ~ '^[A-Z]{2}$'),
    is_primary  boolean not null default true
);
create index debtor_address_debtor on debtor_address (debtor_id);

alter table debtor_account add column flags text[] not null default '{}';

-- Prior express consent to call this number (TCPA), where the list carries it.
alter table debtor_phone add column consent_source text;
alter table debtor_phone add column consent_given_at timestamptz;
alter table debtor_phone add column consent_expires_at timestamptz;

-- QUEUED: claimed by a node into its queue of next calls, already previewed by the guard.
-- BLOCKED: the guard blocks it until something changes (a list entry, a flag, consent).
alter table campaign_lead drop constraint campaign_lead_state_check;
alter table campaign_lead add constraint campaign_lead_state_check
    check (state in ('READY', 'QUEUED', 'CLAIMED', 'DONE', 'BLOCKED'));
alter table campaign_lead add column blocked_reason text;

alter table call_attempt add column reservation_id bigint;
alter table call_attempt add column call_path text not null default 'AUTOMATIC'
    check (call_path in ('AUTOMATIC', 'CALLBACK', 'MANUAL', 'PREVIEW', 'RETRY'));

-- Every configuration change: who, when, what, why.
create table config_audit (
    id         bigint generated always as identity primary key,
    actor      text        not null,
    change     text        not null,
    reason     text,
    changed_at timestamptz not null default now()
);
