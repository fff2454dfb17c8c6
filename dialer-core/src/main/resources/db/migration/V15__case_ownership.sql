-- Case ownership: a debtor belongs to a collector (an agent) or to a team, or to nobody. An owned
-- debtor's callbacks go to the owner first; a campaign may work only unowned debtors or one team's.

create table team (
    id         bigint generated always as identity primary key,
    name       text        not null unique check (length(name) between 1 and 80),
    created_at timestamptz not null default now()
);

alter table agent add column team_id bigint references team (id);

-- owner_team_id is the team of the owning agent when an agent owns the debtor, so "a team's debtors"
-- are those its agents own too
alter table debtor add column owner_agent_id bigint references agent (id);
alter table debtor add column owner_team_id bigint references team (id);
create index debtor_owner_agent on debtor (owner_agent_id) where owner_agent_id is not null;
create index debtor_owner_team on debtor (owner_team_id) where owner_team_id is not null;

-- Every change of owner, by hand or in bulk (a batch: one request), with who and when.
create table ownership_batch (
    id          bigint generated always as identity primary key,
    actor       text        not null,
    rule        jsonb       not null,
    reason      text,
    debtors     int         not null,
    created_at  timestamptz not null
);

create table ownership_change (
    id            bigint generated always as identity primary key,
    batch_id      bigint      not null references ownership_batch (id),
    debtor_id     bigint      not null references debtor (id),
    from_agent_id bigint,
    from_team_id  bigint,
    to_agent_id   bigint,
    to_team_id    bigint,
    changed_at    timestamptz not null
);
create index ownership_change_debtor on ownership_change (debtor_id, changed_at);
create index ownership_change_batch on ownership_change (batch_id);

-- Which debtors a campaign works: all (the default), only unowned ones, or one team's.
create table campaign_ownership_scope (
    campaign_id bigint primary key references campaign (id),
    works       text   not null check (works in ('ALL', 'UNOWNED', 'TEAM')),
    team_id     bigint references team (id),
    check ((works = 'TEAM') = (team_id is not null))
);
