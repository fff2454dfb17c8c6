-- One round trip for everything a decision reads: optionally take the advisory locks (sorted keys,
-- transaction-scoped), then return the debtor's and the number's attempts since p_since and the
-- active list entries for the debtor or the number (global or of the campaign). Tables are
-- schema-qualified because the function runs with the caller's search_path. This function is
-- VOLATILE, so in READ COMMITTED each of its queries takes a fresh snapshot after the locks are
-- held: every reservation committed by an earlier lock holder is seen.
create function decision_context(p_keys bigint[], p_debtor text, p_phone text, p_campaign text, p_since timestamptz)
    returns table (src text, id bigint, campaign_id text, debtor_id text, debt_ids text[], phone_e164 text,
                   phone_type text, t1 timestamptz, t2 timestamptz, state text, outcome text, note text)
    language plpgsql volatile as $$
declare
    k bigint;
begin
    if p_keys is not null then
        foreach k in array p_keys loop
            perform pg_advisory_xact_lock(k);
        end loop;
    end if;
    return query
        select 'A', a.id, a.campaign_id, a.debtor_id, a.debt_ids, a.phone_e164, a.phone_type, a.reserved_at, a.ended_at,
               a.state, a.outcome, null::text
          from compliance.attempt a where a.debtor_id = p_debtor and a.reserved_at > p_since
        union all
        select 'A', a.id, a.campaign_id, a.debtor_id, a.debt_ids, a.phone_e164, a.phone_type, a.reserved_at, a.ended_at,
               a.state, a.outcome, null::text
          from compliance.attempt a where a.phone_e164 = p_phone and a.debtor_id <> p_debtor and a.reserved_at > p_since
        union all
        select 'L', l.id, l.campaign_id, l.debtor_id, null::text[], l.phone_e164, null::text, l.added_at, l.expires_at,
               l.kind, l.source, l.note
          from compliance.list_entry l where l.removed_at is null and (l.campaign_id is null or l.campaign_id = p_campaign)
           and l.phone_e164 = p_phone
        union all
        select 'L', l.id, l.campaign_id, l.debtor_id, null::text[], l.phone_e164, null::text, l.added_at, l.expires_at,
               l.kind, l.source, l.note
          from compliance.list_entry l where l.removed_at is null and (l.campaign_id is null or l.campaign_id = p_campaign)
           and l.debtor_id = p_debtor and (l.phone_e164 is null or l.phone_e164 <> p_phone);
end
$$;

-- superseded by decision_context, which takes the locks in the same round trip
drop function lock_keys(bigint[]);
