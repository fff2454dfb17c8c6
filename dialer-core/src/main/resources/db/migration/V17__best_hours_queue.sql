-- How a campaign's queue is ordered: by its priority (the default), or by the learned best hours
-- within the next window of leads in its priority order (the chance of a right-party contact at
-- each lead's local hour now, from the pacing library's BestHours).
create table campaign_queue_order (
    campaign_id bigint primary key references campaign (id),
    queue_order text not null check (queue_order in ('PRIORITY', 'BEST_HOURS')),
    window_size int  not null default 5 check (window_size between 1 and 50)
);
