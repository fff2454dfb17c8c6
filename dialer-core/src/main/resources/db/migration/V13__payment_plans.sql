-- Payment arrangements (issue 15): a promise may be a plan of instalments, under the campaign's
-- rules, possibly with a settlement offer (a discount on the balance) that needs a supervisor
-- when it is over the agent's authority.

-- A campaign's rules for plans; every limit is optional (null: no limit).
create table plan_rules (
    campaign_id                  bigint primary key references campaign (id),
    min_first_amount             numeric(14, 2) check (min_first_amount > 0),
    min_first_percent            numeric(5, 2) check (min_first_percent > 0 and min_first_percent <= 100),
    max_term_days                int check (max_term_days between 1 and 3660),
    max_instalments              int check (max_instalments between 1 and 120),
    min_instalment_amount        numeric(14, 2) check (min_instalment_amount > 0),
    -- days after an instalment's due date that its payment may still arrive
    grace_days                   int not null default 3 check (grace_days between 0 and 60),
    -- the discount an agent may grant alone, unless the agent has an authority of their own
    settlement_authority_percent numeric(5, 2) not null default 0
        check (settlement_authority_percent between 0 and 100)
);

-- An agent's own settlement authority, over the campaign's default.
create table agent_settlement_authority (
    agent_id bigint primary key references agent (id),
    percent  numeric(5, 2) not null check (percent between 0 and 100)
);

create table payment_plan (
    id               bigint generated always as identity primary key,
    debtor_id        bigint         not null references debtor (id),
    account_id       bigint references debtor_account (id),
    campaign_id      bigint         not null references campaign (id),
    attempt_id       bigint references call_attempt (id),
    agent_id         bigint references agent (id),
    balance          numeric(14, 2) not null check (balance >= 0),
    discount_percent numeric(5, 2)  not null default 0 check (discount_percent >= 0 and discount_percent < 100),
    total            numeric(14, 2) not null check (total > 0),
    frequency        text           not null check (frequency in ('WEEKLY', 'BIWEEKLY', 'MONTHLY', 'CUSTOM')),
    status           text           not null
                     check (status in ('ACTIVE', 'PENDING_APPROVAL', 'REJECTED', 'COMPLETED')),
    -- null: no settlement offer
    settlement       text check (settlement in ('ACCEPTED', 'PENDING', 'APPROVED', 'REJECTED')),
    decided_by       text,
    decided_at       timestamptz,
    decision_note    text,
    created_at       timestamptz    not null
);
create index payment_plan_pending on payment_plan (campaign_id) where settlement = 'PENDING';
create index payment_plan_debtor on payment_plan (debtor_id);

-- Each instalment is a promise of its plan, kept or broken on its own.
alter table promise add column plan_id bigint references payment_plan (id);
alter table promise add column instalment_no int;
-- the last day a payment keeps the instalment (its due date plus the campaign's grace days)
alter table promise add column grace_until date;
create index promise_plan on promise (plan_id) where plan_id is not null;
