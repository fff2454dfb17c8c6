-- The recording notice: per campaign, an optional Asterisk sound ("this call may be recorded...")
-- played into the call's conference when its recording starts, so the debtor and the agent both hear
-- it (and it is in the recording). Null: no notice. A sound name only: no path, no extension.
alter table campaign_recording add column notice_prompt text
    check (length(notice_prompt) <= 100 and notice_prompt ~ '^[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+){0,3}$');

-- NOTICE: the notice was sent into the call's conference (by the system), right after the START.
alter table recording_audit drop constraint recording_audit_action_check;
alter table recording_audit add constraint recording_audit_action_check
    check (action in ('START', 'PAUSE', 'RESUME', 'END', 'FAIL', 'PLAY', 'DOWNLOAD', 'PURGE', 'NOTICE'));
