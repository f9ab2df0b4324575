# English. Every key here must also exist in da.ftl — a test checks it.

app-name = Tandem
app-tagline = Co-production and sensemaking in work with young people and their networks
skip-to-content = Skip to main content
language-switcher-label = Choose language
menu = Menu
close-menu = Close menu
header-authority = A tool for municipal services for children and young people
main-navigation = Main menu
footer-about = Tandem brings young people, their networks and social workers together on one shared course — and helps managers make sense of the change to co-production.
footer-privacy = Tandem handles sensitive data about children and young people. Every access to personal data is logged.
footer-heading = About Tandem

landing-title = Close to the family — together with the young person
landing-lead = Tandem is a platform where a young person aged 12 to 23, their network and their social worker work on one shared course. Goals are written in the young person's own words, steps are owned by whoever does them, and every party rates for themselves how things are going.
landing-parts-heading = Three parts, one system
landing-coproduction-title = The co-production workspace
landing-coproduction-text = The young person, their family and network take part through their own login, limited to what consent allows: goals in their own words, steps, network meetings, blind 0–10 ratings and feedback on every meeting — and the legal deadlines that still apply.
landing-sensemaking-title = The sensemaking toolkit
landing-sensemaking-text = Short stories from staff, young people and partners, interpreted by the people who tell them. Patterns are shown with honest numbers, and ten practices — from huddles to safe-to-fail probes — turn them into conversation and action.
landing-hybrid-title = Hybrid management
landing-hybrid-text = Rules, efficiency and co-production side by side for a team, from real data — a mirror for managers' reflection, never a score for appraising individual staff.
landing-principles-heading = What we promise
landing-principle-words = The young person's own words are the record.
landing-principle-privacy = Only the right people see the data, and every access is logged — young people can see who looked at theirs.
landing-principle-numbers = Numbers are honest, and groups of fewer than five people are never shown.

error-back-home = Go to the front page
error-404-title = Page not found
error-404-text = We cannot find the page you are looking for. It may have moved, or you may not have access to it.
error-405-title = Action not allowed
error-405-text = This page cannot be used that way.
error-408-title = That took too long
error-408-text = The request took too long. Please try again in a moment.
error-413-title = The content is too large
error-413-text = What you sent is larger than Tandem can accept. Nothing was saved. Make it smaller and try again.
error-429-title = Too many attempts
error-429-text = You have tried too many times in a short while. Please wait and try again.
error-500-title = Something went wrong
error-500-text = Something went wrong on our side. Nothing you had saved has been lost. Please try again in a moment.
error-503-title = Tandem is busy
error-503-text = Tandem cannot answer right now. Please try again in a moment.
error-generic-title = Something went wrong
error-generic-text = The request could not be completed.
