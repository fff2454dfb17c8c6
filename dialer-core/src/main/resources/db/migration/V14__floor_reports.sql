-- Floor reports (issue 15): what each collector's time went to, and how accounts move between
-- delinquency buckets.

-- Each agent's states as spans: from when to when the agent was in a state (with the pause reason,
-- in a campaign). Written by AgentSpanRecorder from the engine's agent changes, off the engine's
-- thread and retried while the database is down; a span still going has no end. LOGGED_OUT is not
-- stored: the time between spans is time logged out.
create table agent_state_span (
    id           bigint generated always as identity primary key,
    agent_id     bigint      not null references agent (id),
    campaign_id  bigint references campaign (id),
    state        text        not null check (state in ('CONNECTING', 'PAUSED', 'READY', 'PREVIEWING', 'RESERVED',
                                                       'ON_CALL', 'WRAP_UP')),
    pause_reason text,
    node         text        not null,
    started_at   timestamptz not null,
    ended_at     timestamptz,
    check (ended_at is null or ended_at >= started_at)
);
create index agent_state_span_time on agent_state_span (started_at, agent_id);
-- a span that may still be going (its end comes in a later write, or after a crash is closed at the node's restart)
create index agent_state_span_open on agent_state_span (node, agent_id) where ended_at is null;

-- The system stored only each account's current bucket: roll rates need where it was before. Every
-- change of an account's bucket or balance (imports write them) is recorded here, by triggers on
-- debtor_account, in the same transaction as the change: statement triggers with transition tables,
-- one set-based insert per statement (BucketHistoryCostIT measures what they add to an import).
-- No foreign keys (accounts are never deleted, and the rows come from debtor_account itself): a check
-- per row would be most of what the history costs an import. One index, for "the last row before".
create table account_bucket_history (
    id             bigint generated always as identity primary key,
    account_id     bigint         not null,
    debtor_id      bigint         not null,
    bucket         text,
    amount_overdue numeric(14, 2) not null,
    recorded_at    timestamptz    not null default now()
);
create index account_bucket_history_account on account_bucket_history (account_id, recorded_at desc, id desc);
-- the debtor's portrait reads a debtor's bucket changes at every screen pop
create index account_bucket_history_debtor on account_bucket_history (debtor_id, recorded_at);

create function account_bucket_inserted() returns trigger language plpgsql as $$
begin
    insert into account_bucket_history (account_id, debtor_id, bucket, amount_overdue)
    select n.id, n.debtor_id, n.bucket, n.amount_overdue from new_accounts n;
    return null;
end $$;

create function account_bucket_updated() returns trigger language plpgsql as $$
begin
    insert into account_bucket_history (account_id, debtor_id, bucket, amount_overdue)
    select n.id, n.debtor_id, n.bucket, n.amount_overdue from new_accounts n join old_accounts o on o.id = n.id
    where n.bucket is distinct from o.bucket or n.amount_overdue <> o.amount_overdue;
    return null;
end $$;

create trigger debtor_account_bucket_inserted after insert on debtor_account
    referencing new table as new_accounts for each statement execute function account_bucket_inserted();
create trigger debtor_account_bucket_updated after update on debtor_account
    referencing old table as old_accounts new table as new_accounts for each statement execute function account_bucket_updated();

-- Accounts that exist already: their bucket as of this migration (no history is known before it).
insert into account_bucket_history (account_id, debtor_id, bucket, amount_overdue)
select id, debtor_id, bucket, amount_overdue from debtor_account;
