-- How long each connected person waited after the dialplan detected them until they were in their
-- agent's conference (Asterisk's own timestamps), as the engine measured it: the delay the
-- regulators' 2-second rule is about, for the dashboard's figures of the day. Null for calls
-- connected before this column existed and for calls a restarted node took back mid-connection.
alter table call_attempt add column connect_ms integer;
