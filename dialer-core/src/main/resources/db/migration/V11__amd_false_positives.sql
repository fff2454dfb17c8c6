-- The share of the people who answer whom answering-machine detection takes for a machine (from the
-- AMD benchmark or call audits): the pacer takes it out of the campaign's abandonment budget, since
-- regulators count those hung-up-on people as abandoned calls while the dialer cannot see them.
alter table campaign add column amd_false_positive_rate numeric(6, 5) not null default 0;
