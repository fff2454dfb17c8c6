-- Transfers and conferences of a connected call: every leg an agent (or a supervisor for them)
-- opens, with how it ended. A warm transfer that became a three-way conference has two legs: the
-- consultation (WARM, ended CONFERENCED) and the conference (CONFERENCE).
create table call_transfer_leg (
    id           bigint generated always as identity primary key,
    attempt_id   bigint      not null references call_attempt (id),
    -- AGENT: to another agent's session; OUTSIDE: to a number of the transfer directory
    leg_kind     text        not null check (leg_kind in ('AGENT', 'OUTSIDE')),
    kind         text        not null check (kind in ('BLIND', 'WARM', 'CONFERENCE')),
    from_agent_id bigint     not null references agent (id),
    to_agent_id  bigint      references agent (id),
    -- an outside number, stored for the record and never written to a log in full
    to_number    text,
    started_at   timestamptz not null,
    ended_at     timestamptz,
    -- COMPLETED, CANCELLED, CONFERENCED, FAILED, CALL_ENDED, AGENT_GONE; null while the leg is open
    outcome      text,
    -- who asked for it (the account's actor string: the agent, or the supervisor acting for them)
    requested_by text        not null,
    check ((leg_kind = 'AGENT') = (to_agent_id is not null)),
    check ((leg_kind = 'OUTSIDE') = (to_number is not null))
);

create index call_transfer_leg_attempt on call_transfer_leg (attempt_id, id);

-- The numbers agents may transfer to (a creditor's payment line, an interpreter), kept by
-- administrators, so that no agent dials an arbitrary number. Not used by the engine yet.
create table transfer_target (
    id         bigint generated always as identity primary key,
    name       text        not null unique,
    number     text        not null check (number ~ '^\+[1-9][0-9]{6,14}$'),
    active     boolean     not null default true,
    created_at timestamptz not null default now()
);
