-- A paced call the pacer placed without the campaign's answering-machine detection (a small team whose
-- campaign expects AMD false positives: every answer, machine or person, went to an agent). Such calls
-- teach the pacer nothing (their answers include machines), so its warm start leaves them out too.
alter table call_attempt add column amd_waived boolean not null default false;
