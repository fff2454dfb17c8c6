-- The debtor's portrait (GET /api/debtors/{id}/portrait, and the agent's screen pop): what it reads
-- per debtor must be index-backed, since it is read at every screen pop.

-- A debtor's attempts, newest first (the screen pop's earlier calls read them the same way); before
-- this only the campaign's indexes existed, and a debtor's attempts were a sequential scan.
create index call_attempt_debtor on call_attempt (debtor_id, originated_at);

-- Delinquency buckets over time. Only each account's current bucket was stored; from now on every
-- change is recorded by the database itself, whichever path writes the account (the lead import's
-- set-based merge, a row-by-row writer, an administrator's SQL), in the same statement. The triggers
-- are statement-level with transition tables, so a million-row import adds one insert ... select.
-- from_bucket null: the first bucket seen for the account. Times are the database's clock.
create table account_bucket_change (
    id          bigint generated always as identity primary key,
    account_id  bigint      not null references debtor_account (id),
    debtor_id   bigint      not null references debtor (id),
    from_bucket text,
    to_bucket   text,
    changed_at  timestamptz not null default now()
);
create index account_bucket_change_debtor on account_bucket_change (debtor_id, changed_at);

create function record_bucket_inserts() returns trigger language plpgsql as $$
begin
    insert into account_bucket_change (account_id, debtor_id, from_bucket, to_bucket)
    select id, debtor_id, null, bucket from new_accounts where bucket is not null;
    return null;
end $$;

create function record_bucket_updates() returns trigger language plpgsql as $$
begin
    insert into account_bucket_change (account_id, debtor_id, from_bucket, to_bucket)
    select n.id, n.debtor_id, o.bucket, n.bucket from new_accounts n join old_accounts o on o.id = n.id
    where n.bucket is distinct from o.bucket;
    return null;
end $$;

create trigger debtor_account_bucket_inserted after insert on debtor_account
    referencing new table as new_accounts for each statement execute function record_bucket_inserts();
create trigger debtor_account_bucket_updated after update on debtor_account
    referencing old table as old_accounts new table as new_accounts for each statement execute function record_bucket_updates();

-- The history starts here: every account's bucket as first seen now.
insert into account_bucket_change (account_id, debtor_id, from_bucket, to_bucket)
select id, debtor_id, null, bucket from debtor_account where bucket is not null;

-- A campaign's segment rules (null: the shipped defaults); written by PUT /api/campaigns/{id}/segment-rules.
alter table campaign add column segment_rules jsonb;
