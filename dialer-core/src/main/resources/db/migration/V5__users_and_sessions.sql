-- People who use the dialer: agents at the console, supervisors of campaigns, administrators.
create table app_user (
    id            bigint generated always as identity primary key,
    username      text        not null unique check (username ~ '^[a-z0-9._-]{3,40}$'),
    display_name  text        not null,
    password_hash text        not null,
    role          text        not null check (role in ('AGENT', 'SUPERVISOR', 'ADMIN')),
    -- an agent's account is bound to one agent (phone, extension)
    agent_id      bigint unique references agent (id),
    active        boolean     not null default true,
    created_at    timestamptz not null default now(),
    check (role <> 'AGENT' or agent_id is not null)
);

-- The campaigns a supervisor supervises.
create table user_campaign (
    user_id     bigint not null references app_user (id),
    campaign_id bigint not null references campaign (id),
    primary key (user_id, campaign_id)
);

-- Sessions: only a hash of the token is stored, so a copy of the table lets nobody in.
create table user_session (
    token_hash   text primary key,
    user_id      bigint      not null references app_user (id),
    created_at   timestamptz not null,
    last_seen_at timestamptz not null,
    expires_at   timestamptz not null
);
create index user_session_user on user_session (user_id);

-- Failed sign-ins, for rate limiting (per user name and per address).
create table login_failure (
    id       bigint generated always as identity primary key,
    username text        not null,
    address  text        not null,
    at       timestamptz not null
);
create index login_failure_username on login_failure (username, at);
create index login_failure_address on login_failure (address, at);

-- A wrap-up that runs out: after this long without a disposition the system writes one and the
-- agent is ready again (0: no limit).
alter table campaign add column wrap_up_limit_seconds int not null default 120 check (wrap_up_limit_seconds between 0 and 3600);
insert into disposition_code (code, label, kind, is_contact, is_right_party, is_final, retry_minutes) values
    ('NO_DISPOSITION', 'Wrap-up ran out without a disposition', 'SYSTEM', true, false, false, 1440);
insert into campaign_disposition (campaign_id, code, label, kind, is_contact, is_right_party, is_final, retry_minutes)
    select id, 'NO_DISPOSITION', 'Wrap-up ran out without a disposition', 'SYSTEM', true, false, false, 1440 from campaign;
