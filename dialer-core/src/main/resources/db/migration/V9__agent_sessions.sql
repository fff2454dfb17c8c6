-- Agents' sessions as the node that runs them last wrote them, so that a node restarted after a
-- crash takes its agents back (their phones still in their conferences, or rung again) instead of
-- making every agent log in again. One row per agent; a later version always wins (writes are
-- retried while the database is down and may land out of order).
create table agent_session (
    agent_id     bigint primary key references agent (id),
    node         text        not null,
    campaign_id  bigint      not null references campaign (id),
    leg_call_id  text        not null,
    pause_reason text,
    ended        boolean     not null,
    version      bigint      not null,
    updated_at   timestamptz not null
);
create index agent_session_of_node on agent_session (node) where not ended;
