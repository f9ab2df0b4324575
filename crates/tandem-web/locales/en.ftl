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

error-400-title = The request could not be read
error-400-text = What was sent was invalid (for example characters that cannot be read). Nothing was saved. Please try again.
error-403-title = The action was refused
error-403-text = The form could not be confirmed. This happens when a page has been open for a long time, or when the request came from another website. Go back, reload the page and try again.
error-422-title = The content could not be used
error-422-text = Some fields had invalid content. Nothing was saved. Go back and try again.

form-error-prefix = Error:
form-error-summary = There are problems with what you entered
form-submit-save = Save

nav-home = Home
nav-admin = Administration
nav-users = Users and teams
nav-audit = Access log
signed-in-as = Signed in as { $name }
sign-in = Sign in
sign-out = Sign out
landing-sign-in = Sign in as staff
landing-go-home = Go to your home page

role-administrator = Administrator
role-head_of_department = Head of department
role-team_manager = Team manager
role-processor = Processor (social worker)

login-title = Sign in
login-lead = Sign in with your work e-mail and your password.
login-email = E-mail
login-password = Password
login-failed = The e-mail or password is wrong, or the account is locked after too many attempts. Contact your administrator if you cannot get in.
login-throttled = There have been too many sign-in attempts. Wait 15 minutes and try again.
login-password-set = Your password has been saved. You can now sign in.
login-signed-out = You have signed out.

confirm-title = Confirm it is you
confirm-lead = This action requires that you entered your password within the last 5 minutes.
confirm-wrong = The password is wrong.
confirm-submit = Confirm

home-title = Welcome, { $name }
home-role = Your role: { $role }
home-team = Your team: { $team }
home-no-team = You are not part of a team.
home-next = What would you like to do?
home-change-password = Change password
home-admin-lead = Set up the organization: create teams, add users and follow the access log.
home-staff-lead = Your courses, stories and your team's work will come together here as they are taken into use.

password-title = Change password
password-lead = Choose a password of at least 12 characters. A sentence you can remember is good. When you change it, you are signed out everywhere else.
password-current = Current password
password-new = New password
password-new-hint = At least 12 and at most 128 characters. Common passwords are refused.
password-repeat = Repeat the new password
password-changed = Your password has been changed. You have been signed out everywhere else.
password-error-current = The current password is wrong.
password-error-short = The password must have at least 12 characters.
password-error-long = The password can have at most 128 characters.
password-error-common = The password is too common. Choose another, for example a sentence.
password-error-control = The password contains an invisible character. Type it again.
password-error-mismatch = The two passwords are not the same.

set-password-title = Choose your password
set-password-lead = Choose a password for { $email }. The link can be used only once.

admin-title = Administration
admin-lead = Set-up of { $organization }.
admin-checklist = Checklist
admin-teams-count = Teams: { $count }
admin-users-count = Users: { $count }
admin-audit-lead = The access log shows who has seen and changed what. It cannot be altered, and its chain can be verified.

users-title = Users and teams
users-add = Add user
users-name = Name
users-email = E-mail
users-role = Role
users-team = Team
users-status = Status
users-none = There are no users yet.
users-team-none = No team
status-active = Active
status-locked = Locked
status-deactivated = Deactivated
status-no-password = No password yet

user-new-title = Add user
user-new-lead = The user gets a one-time link to choose their password. The link is valid for 72 hours.
user-error-email = Enter a valid e-mail address, for example name@municipality.dk.
user-error-email-taken = A user with that e-mail address already exists.
user-error-name = Enter a name of at most 120 characters without invisible characters.
user-error-role = Choose a role.
user-error-team = Team managers and processors must belong to a team.
user-created = The user has been created.
user-link-title = One-time password link
user-link-lead = Give the link to { $name } by a secure route. It is shown only this once and is valid for 72 hours.
user-title = { $name }
user-locked-reason = Locked { $date }: { $reason }
user-actions = Actions
user-new-link = Make a new password link
user-lock = Lock the account
user-unlock = Unlock the account
user-reason = Reason
user-reason-hint = The reason is kept in the access log.
user-error-reason = Enter a reason of at most 500 characters.
user-deactivate = Deactivate the account
user-change-role = Change role
user-updated = The change has been saved.
user-back = Back to users

teams-title = Teams
teams-add = Create team
teams-name = Team name
teams-none = There are no teams yet.
teams-error-name = Enter a name of at most 120 characters.
teams-error-taken = A team with that name already exists.
teams-deactivate = Deactivate
teams-created = The team has been created.

audit-title = Access log
audit-filter = Filter
audit-actor = User id
audit-subject = Person id
audit-action = Action (starts with)
audit-from = From date
audit-until = Up to and including date
audit-date-hint = Written as YYYY-MM-DD.
audit-error-date = Write the date as YYYY-MM-DD.
audit-error-id = Enter a valid id.
audit-when = Time (UTC)
audit-who = Who
audit-what = Action
audit-object = Object
audit-outcome = Outcome
audit-none = No events match the filter.
audit-older = Older events
audit-caption = Events, newest first
