-- Issue 12, second pass.
--
-- Calls the consumer asked for, recorded by an agent (with a disposition or a callback): a time the
-- consumer asked to be called at on one number, about some debts (none: all the debtor's debts),
-- when the consumer said so (given_at) and who recorded it when. It lets one call at about that time
-- outside the calling hours (15 U.S.C. 1692c(a)(1)), and, when placed within 7 days of given_at, inside
-- Reg F's conversation cool-down and outside its 7-in-7 count (12 CFR 1006.14(b)(3)(i)). Cancelling
-- keeps the row.
create table consumer_request (
    id               bigint generated always as identity primary key,
    debtor_id        text        not null,
    debt_ids         text[]      not null default '{}',
    phone_e164       text        not null,
    requested_for    timestamptz not null,
    given_at         timestamptz not null,
    recorded_at      timestamptz not null,
    recorded_by      text        not null,
    source           text        not null,
    cancelled_at     timestamptz,
    cancelled_by     text,
    cancelled_reason text
);
create index consumer_request_debtor on consumer_request (debtor_id, requested_for);

-- An attempt placed on a consumer's request names it; regf_excluded says the guard excluded it from
-- Reg F's frequencies under 1006.14(b)(3)(i). Conversations the consumer started (an inbound call, a
-- call back to the collector) are attempts of path INBOUND, completed when recorded: they start the
-- conversation cool-downs but are no call placed, so no frequency limit counts them.
alter table attempt add column consumer_request_id bigint references consumer_request (id);
alter table attempt add column regf_excluded boolean not null default false;
-- who recorded an INBOUND conversation (outbound attempts: null)
alter table attempt add column recorded_by text;
alter table attempt drop constraint attempt_call_path_check;
alter table attempt add constraint attempt_call_path_check
    check (call_path in ('AUTOMATIC', 'CALLBACK', 'MANUAL', 'PREVIEW', 'RETRY', 'INBOUND'));
create index attempt_consumer_request on attempt (consumer_request_id) where consumer_request_id is not null;

-- A do-not-call (or any list) entry may hold for every campaign of one creditor.
alter table list_entry add column creditor_id text;
alter table list_entry add constraint list_entry_one_scope check (campaign_id is null or creditor_id is null);
drop index list_entry_active_unique;
create unique index list_entry_active_unique on list_entry
    (kind, coalesce(campaign_id, ''), coalesce(creditor_id, ''), coalesce(debtor_id, ''), coalesce(phone_e164, ''))
    where removed_at is null;

-- The decision context also returns each attempt's path and consumer request, list entries of the
-- call's creditor, and the debtor's consumer requests (src 'R': t1 requested_for, t2 given_at,
-- outcome recorded_by, note source, t3 recorded_at).
drop function decision_context(bigint[], text, text, text, timestamptz, timestamptz);
create function decision_context(p_keys bigint[], p_debtor text, p_phone text, p_campaign text, p_since timestamptz,
                                 p_now timestamptz, p_creditor text)
    returns table (src text, id bigint, campaign_id text, debtor_id text, debt_ids text[], phone_e164 text,
                   phone_type text, t1 timestamptz, t2 timestamptz, state text, outcome text, note text,
                   t3 timestamptz, t4 timestamptz, call_path text, request_id bigint, regf_excluded boolean,
                   creditor_id text)
    language plpgsql volatile as $$
declare
    k bigint;
begin
    if p_keys is not null then
        foreach k in array p_keys loop
            perform pg_advisory_xact_lock(k);
        end loop;
        update compliance.attempt a set state = 'EXPIRED', updated_at = p_now
         where a.state = 'RESERVED' and a.valid_until <= p_now and a.dialed_at is null and a.reserved_at > p_since
           and (a.debtor_id = p_debtor or a.phone_e164 = p_phone);
    end if;
    return query
        select 'A', a.id, a.campaign_id, a.debtor_id, a.debt_ids, a.phone_e164, a.phone_type, a.reserved_at, a.ended_at,
               a.state, a.outcome, null::text, a.dialed_at, a.valid_until, a.call_path, a.consumer_request_id,
               a.regf_excluded, null::text
          from compliance.attempt a where a.debtor_id = p_debtor and a.reserved_at > p_since
        union all
        select 'A', a.id, a.campaign_id, a.debtor_id, a.debt_ids, a.phone_e164, a.phone_type, a.reserved_at, a.ended_at,
               a.state, a.outcome, null::text, a.dialed_at, a.valid_until, a.call_path, a.consumer_request_id,
               a.regf_excluded, null::text
          from compliance.attempt a where a.phone_e164 = p_phone and a.debtor_id <> p_debtor and a.reserved_at > p_since
        union all
        select 'L', l.id, l.campaign_id, l.debtor_id, null::text[], l.phone_e164, null::text, l.added_at, l.expires_at,
               l.kind, l.source, l.note, null::timestamptz, null::timestamptz, null::text, null::bigint, null::boolean,
               l.creditor_id
          from compliance.list_entry l where l.removed_at is null
           and ((l.campaign_id is null and l.creditor_id is null) or l.campaign_id = p_campaign or l.creditor_id = p_creditor)
           and l.phone_e164 = p_phone
        union all
        select 'L', l.id, l.campaign_id, l.debtor_id, null::text[], l.phone_e164, null::text, l.added_at, l.expires_at,
               l.kind, l.source, l.note, null::timestamptz, null::timestamptz, null::text, null::bigint, null::boolean,
               l.creditor_id
          from compliance.list_entry l where l.removed_at is null
           and ((l.campaign_id is null and l.creditor_id is null) or l.campaign_id = p_campaign or l.creditor_id = p_creditor)
           and l.debtor_id = p_debtor and (l.phone_e164 is null or l.phone_e164 <> p_phone)
        union all
        select 'R', r.id, null::text, r.debtor_id, r.debt_ids, r.phone_e164, null::text, r.requested_for, r.given_at,
               'REQUEST'::text, r.recorded_by, r.source, r.recorded_at, null::timestamptz, null::text, null::bigint,
               null::boolean, null::text
          from compliance.consumer_request r where r.debtor_id = p_debtor and r.cancelled_at is null
           and r.requested_for > p_since;
end
$$;
