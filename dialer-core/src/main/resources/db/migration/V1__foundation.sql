-- The dialer server's schema (the compliance guard keeps its own, in schema "compliance").

-- A campaign: what to dial, how, and where the calls go.
create table campaign (
    id                    bigint generated always as identity primary key,
    name                  text        not null unique,
    dial_mode             text        not null default 'PROGRESSIVE'
                                      check (dial_mode in ('PREVIEW', 'PROGRESSIVE', 'PREDICTIVE')),
    status                text        not null default 'STOPPED' check (status in ('STOPPED', 'RUNNING', 'PAUSED')),
    -- how to reach a number: {number} is replaced by the E.164 digits without '+'
    dial_string           text        not null,
    caller_id             text,
    default_region        text        not null default 'US',
    ring_timeout_seconds  int         not null default 25 check (ring_timeout_seconds between 5 and 120),
    detect_machines       boolean     not null default true,
    -- how long a detected person may wait for an agent before the safe-harbor message
    hold_limit_ms         int         not null default 1200 check (hold_limit_ms between 200 and 2000),
    safe_harbor_prompt    text,
    max_attempts          int         not null default 5 check (max_attempts between 1 and 100),
    max_abandon_rate      numeric(5, 4) not null default 0.03 check (max_abandon_rate between 0 and 0.03),
    -- demo and tests: callees are simulated (Local channels into [sim-carrier])
    simulated_callees     boolean     not null default false,
    created_at            timestamptz not null default now(),
    updated_at            timestamptz not null default now()
);

-- A person who owes; several accounts and phone numbers.
create table debtor (
    id          bigint generated always as identity primary key,
    external_id text        not null unique,
    name        text        not null,
    created_at  timestamptz not null default now()
);

create table debtor_account (
    id             bigint generated always as identity primary key,
    debtor_id      bigint         not null references debtor (id),
    account_ref    text           not null,
    amount_overdue numeric(14, 2) not null check (amount_overdue >= 0),
    days_overdue   int            not null check (days_overdue >= 0),
    unique (debtor_id, account_ref)
);

create table debtor_phone (
    id         bigint generated always as identity primary key,
    debtor_id  bigint not null references debtor (id),
    e164       text   not null check (e164 ~ '^\+[1-9][0-9]{6,14}$'),
    phone_type text   not null default 'OWN_MOBILE'
                      check (phone_type in ('OWN_MOBILE', 'HOME', 'WORK', 'THIRD_PARTY')),
    status     text   not null default 'VALID' check (status in ('VALID', 'INVALID', 'DNC')),
    unique (debtor_id, e164)
);

-- A debtor in a campaign's queue. The priority keys are copied from the debtor's accounts so the
-- queue is one index scan; claimed rows are taken with FOR UPDATE SKIP LOCKED.
create table campaign_lead (
    id             bigint generated always as identity primary key,
    campaign_id    bigint         not null references campaign (id),
    debtor_id      bigint         not null references debtor (id),
    amount_overdue numeric(14, 2) not null,
    days_overdue   int            not null,
    state          text           not null default 'READY' check (state in ('READY', 'CLAIMED', 'DONE')),
    attempts       int            not null default 0,
    next_call_at   timestamptz    not null default now(),
    claimed_by     text,
    claimed_at     timestamptz,
    last_outcome   text,
    unique (campaign_id, debtor_id)
);
create index campaign_lead_queue on campaign_lead (campaign_id, amount_overdue desc, days_overdue desc, id)
    where state = 'READY';

create table agent (
    id         bigint generated always as identity primary key,
    name       text        not null,
    -- numeric: it names the agent's conference and dialplan extension
    extension  text        not null unique check (extension ~ '^[0-9]{2,10}$'),
    -- the agent's phone: a dial string such as PJSIP/1001, or Local/{extension}@sim-agent-phone
    phone      text        not null,
    pbx        text        not null default 'local',
    simulated  boolean     not null default false,
    created_at timestamptz not null default now()
);

create table call_attempt (
    id            bigint generated always as identity primary key,
    campaign_id   bigint      not null references campaign (id),
    lead_id       bigint      not null references campaign_lead (id),
    debtor_id     bigint      not null references debtor (id),
    phone_id      bigint      not null references debtor_phone (id),
    phone         text        not null,
    pbx           text        not null,
    node          text        not null,
    state         text        not null check (state in ('DIALING', 'ANSWERED', 'CONNECTED', 'ENDED')),
    outcome       text,
    agent_id      bigint references agent (id),
    detail        text,
    hangup_cause  int,
    originated_at timestamptz not null,
    answered_at   timestamptz,
    connected_at  timestamptz,
    ended_at      timestamptz
);
create index call_attempt_campaign on call_attempt (campaign_id, id desc);
create index call_attempt_open on call_attempt (node) where state <> 'ENDED';

create table disposition_code (
    code           text primary key,
    label          text    not null,
    kind           text    not null check (kind in ('SYSTEM', 'AGENT')),
    is_contact     boolean not null,
    is_right_party boolean not null,
    is_final       boolean not null
);
insert into disposition_code (code, label, kind, is_contact, is_right_party, is_final) values
    ('BUSY',           'Busy',                        'SYSTEM', false, false, false),
    ('NO_ANSWER',      'No answer',                   'SYSTEM', false, false, false),
    ('MACHINE',        'Answering machine',           'SYSTEM', false, false, false),
    ('CONGESTION',     'Network congestion',          'SYSTEM', false, false, false),
    ('INVALID_NUMBER', 'Invalid number',              'SYSTEM', false, false, true),
    ('FAILED',         'Call failed',                 'SYSTEM', false, false, false),
    ('ABANDONED',      'Abandoned (no agent in time)', 'SYSTEM', true, false, false),
    ('CALLEE_HUNG_UP', 'Callee hung up before an agent', 'SYSTEM', true, false, false),
    ('RPC',            'Right-party contact',         'AGENT',  true,  true,  false),
    ('PTP',            'Promise to pay',              'AGENT',  true,  true,  true),
    ('REFUSED',        'Refused to pay',              'AGENT',  true,  true,  false),
    ('DISPUTE',        'Disputes the debt',           'AGENT',  true,  true,  true),
    ('WRONG_NUMBER',   'Wrong number',                'AGENT',  true,  false, false),
    ('THIRD_PARTY',    'Third party reached',         'AGENT',  true,  false, false),
    ('CALLBACK',       'Callback requested',          'AGENT',  true,  false, false);

-- One disposition per attempt: the system's for calls no agent took, the agent's otherwise.
create table disposition (
    id          bigint generated always as identity primary key,
    attempt_id  bigint      not null unique references call_attempt (id),
    campaign_id bigint      not null references campaign (id),
    lead_id     bigint      not null references campaign_lead (id),
    agent_id    bigint references agent (id),
    code        text        not null references disposition_code (code),
    note        text,
    created_at  timestamptz not null default now()
);
create index disposition_campaign on disposition (campaign_id, created_at);
