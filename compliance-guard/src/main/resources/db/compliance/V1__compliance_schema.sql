-- The compliance guard's own schema. Flyway runs this with search_path = compliance and records it
-- in compliance.compliance_schema_history (see dialer.compliance.ComplianceSchema).

-- Every reservation of a call slot: RESERVED -> DIALED -> COMPLETED(outcome), RESERVED -> RELEASED,
-- or RESERVED/DIALED -> EXPIRED by the recovery step. Every state but RELEASED uses up a slot.
create table attempt (
    id               bigint generated always as identity primary key,
    campaign_id      text        not null,
    debtor_id        text        not null,
    debt_ids         text[]      not null default '{}',
    lead_id          text        not null,
    phone_e164       text        not null,
    phone_type       text        not null check (phone_type in ('OWN_MOBILE', 'HOME', 'WORK', 'THIRD_PARTY')),
    call_path        text        not null check (call_path in ('AUTOMATIC', 'CALLBACK', 'MANUAL', 'PREVIEW', 'RETRY')),
    state            text        not null check (state in ('RESERVED', 'DIALED', 'COMPLETED', 'RELEASED', 'EXPIRED')),
    outcome          text        check (outcome in ('NO_ANSWER', 'BUSY', 'FAILED', 'MACHINE', 'ANSWERED', 'ABANDONED',
                                                    'CONVERSATION', 'RIGHT_PARTY_CONTACT', 'UNKNOWN')),
    reserved_at      timestamptz not null,
    dialed_at        timestamptz,
    ended_at         timestamptz,
    released_reason  text,
    rule_set_id      text        not null,
    rule_set_version text        not null,
    updated_at       timestamptz not null,
    check (state <> 'COMPLETED' or outcome is not null),
    check (state <> 'RELEASED' or released_reason is not null)
);
-- the history of a debtor and of a number, newest last: the two lookups of every decision
create index attempt_debtor_time on attempt (debtor_id, reserved_at);
create index attempt_phone_time on attempt (phone_e164, reserved_at);
-- the recovery step's scan, small because only unfinished reservations are in it
create index attempt_pending on attempt (reserved_at) where state in ('RESERVED', 'DIALED');

-- Every decision taken at reservation time (and previews when the guard is told to record them).
create table decision (
    id               bigint generated always as identity primary key,
    decided_at       timestamptz not null,
    kind             text        not null check (kind in ('PREVIEW', 'RESERVE')),
    campaign_id      text        not null,
    debtor_id        text        not null,
    lead_id          text        not null,
    phone_e164       text        not null,
    phone_type       text        not null,
    call_path        text        not null,
    rule_set_id      text        not null,
    rule_set_version text        not null,
    verdict          text        not null check (verdict in ('ALLOW', 'BLOCK')),
    next_allowed_at  timestamptz,
    callee_zones     text        not null,
    zone_sources     text        not null,
    reservation_id   bigint,
    failed_rules     text[]      not null,
    failed_reasons   text[]      not null,
    failed_next      text[]      not null
);
create index decision_campaign_time on decision (campaign_id, decided_at);
create index decision_lead_time on decision (lead_id, decided_at);
create index decision_time on decision using brin (decided_at);

-- Rule sets as they were used: the version is a hash of the description, so this is the audit
-- trail of what every decision's (rule_set_id, rule_set_version) meant.
create table rule_set_version (
    rule_set_id  text        not null,
    version      text        not null,
    based_on     text,
    description  text        not null,
    first_used_at timestamptz not null,
    primary key (rule_set_id, version)
);

-- Explicit loosenings of a preset: who, when, why.
create table rule_override (
    id               bigint generated always as identity primary key,
    rule_set_id      text        not null,
    rule_set_version text        not null,
    rule_id          text        not null,
    replacement      text,
    actor            text        not null,
    reason           text        not null,
    decided_at       timestamptz not null,
    recorded_at      timestamptz not null,
    unique (rule_set_id, rule_set_version, rule_id),
    foreign key (rule_set_id, rule_set_version) references rule_set_version (rule_set_id, version)
);

-- Do-not-call, cease-communication, attorney, no-calls-at-work and consent lists. Removal keeps
-- the row (removed_at/by/reason) for the audit trail.
create table list_entry (
    id             bigint generated always as identity primary key,
    kind           text        not null check (kind in ('DO_NOT_CALL', 'CEASE_COMMUNICATION', 'ATTORNEY',
                                                        'NO_CALLS_AT_WORK', 'CONSENT')),
    campaign_id    text,
    debtor_id      text,
    phone_e164     text,
    added_at       timestamptz not null,
    source         text        not null,
    added_by       text,
    expires_at     timestamptz,
    note           text,
    removed_at     timestamptz,
    removed_by     text,
    removed_reason text,
    check (kind <> 'DO_NOT_CALL' or phone_e164 is not null),
    check (kind in ('DO_NOT_CALL', 'CONSENT') or debtor_id is not null),
    check (kind <> 'CONSENT' or (debtor_id is not null and phone_e164 is not null))
);
create index list_entry_phone on list_entry (phone_e164) where removed_at is null;
create index list_entry_debtor on list_entry (debtor_id) where removed_at is null;
create unique index list_entry_active_unique on list_entry
    (kind, coalesce(campaign_id, ''), coalesce(debtor_id, ''), coalesce(phone_e164, '')) where removed_at is null;

-- Takes transaction-scoped advisory locks on the given keys, in the order given (the caller sorts
-- them, so two reservations never wait on each other in a cycle).
create function lock_keys(keys bigint[]) returns void language plpgsql as $$
declare
    k bigint;
begin
    foreach k in array keys loop
        perform pg_advisory_xact_lock(k);
    end loop;
end
$$;
