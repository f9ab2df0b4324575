-- The pattern pages ask, on every request, how many stories a campaign holds and when the newest
-- was saved (to know whether the answers they keep in memory are current). With the
-- organization and campaign leading and the save time last, both come from this index alone.
CREATE INDEX stories_campaign_saved ON stories (organization_id, campaign_id, created_at);
