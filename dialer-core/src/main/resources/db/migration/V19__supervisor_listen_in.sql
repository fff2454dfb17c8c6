-- Supervisors listening in to agents' calls.
-- The phone the dialer rings when a supervisor (or administrator) listens in: a dial string such as
-- PJSIP/2001, as agents' phones are (null: none set; an agent's account uses the agent's phone).
alter table app_user add column phone text check (phone is null or (length(phone) between 3 and 100 and phone ~ '^[A-Za-z][A-Za-z0-9_]*/'));

-- Whether an agent's console says "monitored by <supervisor>" while someone listens in (off: it does not).
alter table campaign add column show_monitoring_to_agent boolean not null default false;
