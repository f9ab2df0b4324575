-- The anonymous link of a link campaign, so that its page can show the current link and its QR
-- code again (issue 24): posters are printed from it, and making a new one by mistake, only to
-- see it, stopped the printed ones. The link is public by design (it is on the posters), and it
-- lets one tell a story and nothing else; lookups still go by its hash. Links made before this
-- migration were never stored: their campaign pages say so.
ALTER TABLE campaigns ADD COLUMN link_token TEXT;
