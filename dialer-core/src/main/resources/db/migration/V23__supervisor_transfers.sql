-- An agent may transfer a call to a supervisor of its campaign, on the supervisor's own phone (the one
-- they listen in with): a leg of its own kind, naming the supervisor's account.
alter table call_transfer_leg add column to_user_id bigint references app_user (id);
alter table call_transfer_leg drop constraint call_transfer_leg_leg_kind_check;
alter table call_transfer_leg add constraint call_transfer_leg_leg_kind_check
    check (leg_kind in ('AGENT', 'OUTSIDE', 'SUPERVISOR'));
alter table call_transfer_leg add constraint call_transfer_leg_supervisor_check
    check ((leg_kind = 'SUPERVISOR') = (to_user_id is not null));
