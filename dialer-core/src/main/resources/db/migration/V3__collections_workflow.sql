-- Collections work: lists, richer debtors, campaign rules for dispositions and retries,
-- promises, payments, callbacks and each debtor's history.

-- Lists of debtors, imported as files; campaigns work one or more lists.
create table contact_list (
    id             bigint generated always as identity primary key,
    name           text        not null unique,
    default_region text        not null default 'US',
    -- how the list's files name their columns: {"Customer No": "id", "Branch": "custom:branch", ...}
    column_mapping jsonb       not null default '{}',
    created_at     timestamptz not null default now()
);
create table list_member (
    list_id   bigint not null references contact_list (id),
    debtor_id bigint not null references debtor (id),
    primary key (list_id, debtor_id)
);
create table campaign_list (
    campaign_id bigint not null references campaign (id),
    list_id     bigint not null references contact_list (id),
    primary key (campaign_id, list_id)
);
-- the campaign's own list, for files posted straight to a campaign
alter table campaign add column own_list_id bigint references contact_list (id);

-- Every import: what came in, what was merged, what was refused and why.
create table import_batch (
    id          bigint generated always as identity primary key,
    list_id     bigint      not null references contact_list (id),
    format      text        not null check (format in ('CSV', 'JSON')),
    rows        int         not null,
    accepted    int         not null,
    new_debtors int         not null,
    merged      int         not null,
    rejected    int         not null,
    report      jsonb       not null,
    imported_at timestamptz not null default now()
);

alter table debtor add column custom jsonb not null default '{}';
alter table debtor add column broken_promises int not null default 0;

alter table debtor_account add column product text;
alter table debtor_account add column bucket text check (bucket in ('M1', 'M2', 'M3', 'M4', 'M5', 'M6+'));
alter table debtor_account add column creditor_ref text;

alter table debtor_phone add column relationship text;
alter table debtor_phone add column attempts int not null default 0;
alter table debtor_phone add column last_outcome text;
alter table debtor_phone add column last_attempt_at timestamptz;

-- Campaign settings: when it dials, in which order, and what happens after each disposition.
-- schedule: {"zone": "America/New_York", "days": ["MON",...], "from": "09:00", "until": "18:00"}
alter table campaign add column schedule jsonb;
-- priority: [{"field": "amount_overdue", "direction": "desc"}, ...]
alter table campaign add column priority jsonb not null
    default '[{"field": "amount_overdue", "direction": "desc"}, {"field": "days_overdue", "direction": "desc"}]';
alter table campaign add column max_attempts_per_number int not null default 3 check (max_attempts_per_number between 1 and 50);
alter table campaign_lead add column bucket_rank int not null default 0;
alter table campaign_lead add column broken_promises int not null default 0;

-- A campaign's disposition set: which codes its agents may use and what each one does.
create table campaign_disposition (
    campaign_id          bigint  not null references campaign (id),
    code                 text    not null check (code ~ '^[A-Z][A-Z0-9_]{1,29}$'),
    label                text    not null,
    kind                 text    not null check (kind in ('SYSTEM', 'AGENT')),
    is_contact           boolean not null,
    is_right_party       boolean not null,
    is_final             boolean not null,
    marks_number_invalid boolean not null default false,
    adds_to_dnc          boolean not null default false,
    needs_promise        boolean not null default false,
    needs_callback       boolean not null default false,
    retry_minutes        int check (retry_minutes between 0 and 525600),
    primary key (campaign_id, code)
);
-- dispositions are checked against the campaign's set from now on; the global table stays the default set
alter table disposition drop constraint disposition_code_fkey;
alter table disposition_code add column marks_number_invalid boolean not null default false;
alter table disposition_code add column adds_to_dnc boolean not null default false;
alter table disposition_code add column needs_promise boolean not null default false;
alter table disposition_code add column needs_callback boolean not null default false;
alter table disposition_code add column retry_minutes int;
update disposition_code set marks_number_invalid = true where code in ('INVALID_NUMBER', 'WRONG_NUMBER');
update disposition_code set needs_promise = true where code = 'PTP';
update disposition_code set needs_callback = true where code = 'CALLBACK';
update disposition_code set retry_minutes = v.m from (values
    ('BUSY', 10), ('NO_ANSWER', 60), ('MACHINE', 240), ('CONGESTION', 5), ('FAILED', 5), ('ABANDONED', 60),
    ('CALLEE_HUNG_UP', 60), ('RPC', 1440), ('REFUSED', 2880), ('THIRD_PARTY', 1440), ('WRONG_NUMBER', 0),
    ('INVALID_NUMBER', 0)) as v(code, m) where disposition_code.code = v.code;
insert into disposition_code (code, label, kind, is_contact, is_right_party, is_final, adds_to_dnc) values
    ('DECEASED', 'Debtor deceased', 'AGENT', true, false, true, false),
    ('DO_NOT_CALL', 'Asked not to be called', 'AGENT', true, true, true, true);

-- Promises to pay and the payments that keep them.
create table promise (
    id          bigint generated always as identity primary key,
    debtor_id   bigint         not null references debtor (id),
    account_id  bigint references debtor_account (id),
    campaign_id bigint references campaign (id),
    attempt_id  bigint references call_attempt (id),
    agent_id    bigint references agent (id),
    amount      numeric(14, 2) not null check (amount > 0),
    due_date    date           not null,
    status      text           not null default 'OPEN' check (status in ('OPEN', 'KEPT', 'BROKEN', 'CANCELLED')),
    paid_amount numeric(14, 2) not null default 0,
    created_at  timestamptz    not null default now(),
    settled_at  timestamptz
);
create index promise_open on promise (due_date) where status = 'OPEN';
create index promise_debtor on promise (debtor_id);

create table payment (
    id          bigint generated always as identity primary key,
    debtor_id   bigint         not null references debtor (id),
    account_id  bigint references debtor_account (id),
    amount      numeric(14, 2) not null check (amount > 0),
    paid_on     date           not null,
    reference   text           not null unique,
    imported_at timestamptz    not null default now()
);
create index payment_debtor on payment (debtor_id, paid_on);

-- Callbacks: a call the debtor asked for, at a time in their zone, owned by an agent or the team.
create table callback (
    id             bigint generated always as identity primary key,
    campaign_id    bigint      not null references campaign (id),
    debtor_id      bigint      not null references debtor (id),
    lead_id        bigint      not null references campaign_lead (id),
    phone_id       bigint references debtor_phone (id),
    due_at         timestamptz not null,
    zone           text        not null,
    owner_agent_id bigint references agent (id),
    status         text        not null default 'PENDING'
                               check (status in ('PENDING', 'DIALING', 'DONE', 'CANCELLED', 'MISSED')),
    note           text,
    attempt_id     bigint references call_attempt (id),
    created_at     timestamptz not null default now()
);
create index callback_due on callback (campaign_id, due_at) where status = 'PENDING';

-- Everything that happened to a debtor, newest last.
create table debtor_action (
    id          bigint generated always as identity primary key,
    debtor_id   bigint      not null references debtor (id),
    at          timestamptz not null default now(),
    kind        text        not null,
    campaign_id bigint,
    attempt_id  bigint,
    agent_id    bigint,
    summary     text        not null,
    data        jsonb       not null default '{}'
);
create index debtor_action_debtor on debtor_action (debtor_id, at);

-- CALLBACK: the lead waits for its callback, which the callback scheduler dials.
alter table campaign_lead drop constraint campaign_lead_state_check;
alter table campaign_lead add constraint campaign_lead_state_check
    check (state in ('READY', 'QUEUED', 'CLAIMED', 'DONE', 'BLOCKED', 'CALLBACK'));

-- A new lead is due at once, whatever clock the dialer runs on (not "due from the database's now").
alter table campaign_lead alter column next_call_at set default '1970-01-01T00:00:00Z';
