-- Call recording: per campaign, whether connected calls are recorded (ALL), never (NONE) or when the
-- agent asks (ON_DEMAND), how many days the files are kept, and whether agents may play their own.
create table campaign_recording (
    campaign_id       bigint primary key references campaign (id),
    mode              text    not null default 'NONE' check (mode in ('ALL', 'NONE', 'ON_DEMAND')),
    retention_days    int     not null default 90 check (retention_days between 1 and 3650),
    agents_may_listen boolean not null default false
);

-- One recording per attempt: the callee's channel in the agent's conference, both directions mixed by
-- MixMonitor. The file is named by the attempt only (attempt-<id>.wav), relative to the recordings
-- directory; no number or name is in it.
create table call_recording (
    id         bigint generated always as identity primary key,
    attempt_id bigint      not null unique references call_attempt (id),
    file       text        not null check (file ~ '^attempt-[0-9]+\.wav$'),
    state      text        not null check (state in ('RECORDING', 'PAUSED', 'ENDED', 'FAILED', 'PURGED')),
    started_at timestamptz not null,
    ended_at   timestamptz,
    length_ms  bigint,
    purged_at  timestamptz
);
create index call_recording_kept on call_recording (started_at) where state in ('ENDED', 'FAILED');

-- Everything done with a recording, by whom and when: started, paused and resumed (PCI DSS: while a
-- card number is read), played, downloaded, purged (the system).
create table recording_audit (
    id           bigint generated always as identity primary key,
    recording_id bigint      not null references call_recording (id),
    action       text        not null check (action in ('START', 'PAUSE', 'RESUME', 'END', 'FAIL', 'PLAY', 'DOWNLOAD', 'PURGE')),
    actor        text        not null,
    at           timestamptz not null default now()
);
create index recording_audit_of on recording_audit (recording_id, id);
