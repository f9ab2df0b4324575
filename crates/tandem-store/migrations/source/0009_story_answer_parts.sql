-- The pattern pages read every story of a campaign with its answers: at 100,000 stories about
-- 1.2 million answer parts. Joining and formatting the parts on each such read took seconds, so
-- each story now also carries its answered parts (except free text) in one text, written with
-- the story: parts separated by U+001E; in a part, the question, the option and three weights
-- separated by U+001F; numbers in a form that reads back bit for bit. Stories are never changed
-- once saved, so this copy cannot drift from story_answers, which stays the source for every
-- other read (filters, a story's page, exports).
ALTER TABLE stories ADD COLUMN answer_parts TEXT NOT NULL DEFAULT '';
-- @sqlite
UPDATE stories SET answer_parts = coalesce((SELECT group_concat(a.question || char(31) || coalesce(a.option_id, '') || char(31) || iif(a.w1 IS NULL, '', printf('%!.17g', a.w1)) || char(31) || iif(a.w2 IS NULL, '', printf('%!.17g', a.w2)) || char(31) || iif(a.w3 IS NULL, '', printf('%!.17g', a.w3)), char(30)) FROM story_answers a WHERE a.story_id = stories.id AND a.body IS NULL), '');
-- @postgres
UPDATE stories s SET answer_parts = coalesce((SELECT string_agg(a.question || chr(31) || coalesce(a.option_id, '') || chr(31) || coalesce(a.w1::text, '') || chr(31) || coalesce(a.w2::text, '') || chr(31) || coalesce(a.w3::text, ''), chr(30)) FROM story_answers a WHERE a.story_id = s.id AND a.body IS NULL), '');
-- @end
