-- The live dashboard and the abandonment report read a campaign's attempts and promises by time.
create index call_attempt_campaign_time on call_attempt (campaign_id, originated_at);
create index promise_campaign_time on promise (campaign_id, created_at);
