-- Agents' scripts per campaign, chosen by the debtor's segment and the call's situation, and the
-- disclosures each call's agent read (ticked), kept with the call.

create table call_script (
    id          bigint generated always as identity primary key,
    campaign_id bigint      not null references campaign (id),
    name        text        not null check (length(name) between 1 and 100),
    segment     text,
    situation   text check (situation in ('RIGHT_PARTY', 'THIRD_PARTY', 'BROKEN_PROMISE', 'HARDSHIP')),
    steps       jsonb       not null,
    disclosures jsonb       not null default '[]',
    priority    int         not null default 0,
    created_by  text        not null,
    updated_at  timestamptz not null,
    unique (campaign_id, name)
);

create table call_disclosure (
    attempt_id    bigint      not null references call_attempt (id),
    disclosure_id text        not null,
    text          text        not null,
    script_id     bigint references call_script (id) on delete set null,
    agent_id      bigint      not null references agent (id),
    read_at       timestamptz not null,
    primary key (attempt_id, disclosure_id)
);
