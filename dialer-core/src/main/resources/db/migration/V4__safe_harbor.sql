-- Whether the safe-harbor message played to an abandoned callee: PLAYED, or why not (e.g. INTERRUPTED
-- when the callee hung up during it). Regulators ask for the message on every abandoned call.
alter table call_attempt add column safe_harbor text;
