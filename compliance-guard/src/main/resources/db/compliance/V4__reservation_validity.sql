-- A reservation is valid until valid_until: markDialed after that instant is refused, and a
-- reservation never marked dialed costs nothing once it has lapsed. Null on reservations made
-- before this migration (they keep the old meaning: they may have been dialed at any time).
alter table attempt add column valid_until timestamptz;

-- The decision context also returns when each attempt was dialed and until when it was valid:
-- limits count a call from the instant it was placed (the latest instant it could have been,
-- while it is only reserved), cool-downs from its end. With the locks (a binding reservation), it
-- first turns this debtor's and this number's reservations whose validity passed at p_now into
-- EXPIRED: the update and markDialed's both require state RESERVED, so exactly one of them wins, and
-- a reservation this decision treats as lapsed can no longer be marked dialed.
drop function decision_context(bigint[], text, text, text, timestamptz);
create function decision_context(p_keys bigint[], p_debtor text, p_phone text, p_campaign text, p_since timestamptz,
                                 p_now timestamptz)
    returns table (src text, id bigint, campaign_id text, debtor_id text, debt_ids text[], phone_e164 text,
                   phone_type text, t1 timestamptz, t2 timestamptz, state text, outcome text, note text,
                   t3 timestamptz, t4 timestamptz)
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
               a.state, a.outcome, null::text, a.dialed_at, a.valid_until
          from compliance.attempt a where a.debtor_id = p_debtor and a.reserved_at > p_since
        union all
        select 'A', a.id, a.campaign_id, a.debtor_id, a.debt_ids, a.phone_e164, a.phone_type, a.reserved_at, a.ended_at,
               a.state, a.outcome, null::text, a.dialed_at, a.valid_until
          from compliance.attempt a where a.phone_e164 = p_phone and a.debtor_id <> p_debtor and a.reserved_at > p_since
        union all
        select 'L', l.id, l.campaign_id, l.debtor_id, null::text[], l.phone_e164, null::text, l.added_at, l.expires_at,
               l.kind, l.source, l.note, null::timestamptz, null::timestamptz
          from compliance.list_entry l where l.removed_at is null and (l.campaign_id is null or l.campaign_id = p_campaign)
           and l.phone_e164 = p_phone
        union all
        select 'L', l.id, l.campaign_id, l.debtor_id, null::text[], l.phone_e164, null::text, l.added_at, l.expires_at,
               l.kind, l.source, l.note, null::timestamptz, null::timestamptz
          from compliance.list_entry l where l.removed_at is null and (l.campaign_id is null or l.campaign_id = p_campaign)
           and l.debtor_id = p_debtor and (l.phone_e164 is null or l.phone_e164 <> p_phone);
end
$$;
