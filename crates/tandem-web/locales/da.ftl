# Danish (default language). Every key here must also exist in en.ftl — a test checks it.

app-name = Tandem
app-tagline = Samskabelse og meningsskabelse i arbejdet med unge og deres netværk
skip-to-content = Gå til sidens indhold
language-switcher-label = Vælg sprog
menu = Menu
close-menu = Luk menu
header-authority = Et værktøj til kommunernes børne- og ungeområde
main-navigation = Hovedmenu
footer-about = Tandem samler unge, deres netværk og socialrådgivere om ét fælles forløb — og hjælper ledere med at skabe mening i omstillingen til samskabelse.
footer-privacy = Tandem behandler følsomme oplysninger om børn og unge. Al adgang til personoplysninger logges.
footer-heading = Om Tandem

landing-title = Tæt på familien — sammen med den unge
landing-lead = Tandem er en platform, hvor en ung mellem 12 og 23 år, den unges netværk og socialrådgiveren arbejder i ét fælles forløb. Mål skrives med den unges egne ord, skridt ejes af den, der gør dem, og alle parter vurderer selv, hvordan det går.
landing-parts-heading = Tre dele, ét system
landing-coproduction-title = Samskabelsesrummet
landing-coproduction-text = Den unge, familien og netværket deltager med eget login i det, samtykket tillader: mål med egne ord, skridt, netværksmøder, blinde vurderinger fra 0 til 10 og feedback på hvert møde — og de lovbestemte frister, der stadig gælder.
landing-sensemaking-title = Værktøjer til meningsskabelse
landing-sensemaking-text = Korte fortællinger fra medarbejdere, unge og samarbejdspartnere, som fortælleren selv tolker. Mønstre vises med ærlige tal, og ti praksisser — fra huddles til små eksperimenter — gør mønstrene til samtale og handling.
landing-hybrid-title = Hybrid ledelse
landing-hybrid-text = Regler, effektivitet og samskabelse side om side for et team, ud fra rigtige data — et spejl for ledelsens refleksion, aldrig en måling af den enkelte medarbejder.
landing-principles-heading = Det lover vi
landing-principle-words = Den unges egne ord er det, der står i journalen.
landing-principle-privacy = Kun de rette personer ser oplysningerne, og al adgang logges — den unge kan selv se, hvem der har kigget.
landing-principle-numbers = Tal vises ærligt, og grupper på under fem personer vises aldrig.

error-back-home = Gå til forsiden
error-404-title = Siden findes ikke
error-404-text = Vi kan ikke finde den side, du leder efter. Den kan være flyttet, eller du har ikke adgang til den.
error-405-title = Handlingen er ikke tilladt
error-405-text = Siden kan ikke bruges på den måde.
error-408-title = Det tog for lang tid
error-408-text = Forespørgslen tog for lang tid. Prøv igen om lidt.
error-413-title = Indholdet er for stort
error-413-text = Det, du sendte, er større end Tandem kan modtage. Intet er gemt. Gør indholdet mindre, og prøv igen.
error-429-title = For mange forsøg
error-429-text = Du har prøvet for mange gange på kort tid. Vent lidt, og prøv igen.
error-500-title = Der opstod en fejl
error-500-text = Der skete en fejl hos os. Intet af det, du har gemt, er gået tabt. Prøv igen om lidt.
error-503-title = Tandem er optaget
error-503-text = Tandem kan ikke svare lige nu. Prøv igen om lidt.
error-generic-title = Noget gik galt
error-generic-text = Forespørgslen kunne ikke gennemføres.

error-400-title = Forespørgslen kunne ikke læses
error-400-text = Det sendte indhold var ugyldigt (for eksempel tegn, der ikke kan læses). Intet er gemt. Prøv igen.
error-403-title = Handlingen blev afvist
error-403-text = Formularen kunne ikke bekræftes. Det sker, hvis siden har været åben længe, eller hvis forespørgslen kom fra et andet websted. Gå tilbage, genindlæs siden, og prøv igen.
error-422-title = Indholdet kunne ikke bruges
error-422-text = Nogle felter havde et ugyldigt indhold. Intet er gemt. Gå tilbage, og prøv igen.

form-error-prefix = Fejl:
form-error-summary = Der er problemer med det, du har udfyldt
form-submit-save = Gem

nav-home = Forside
nav-admin = Administration
nav-users = Brugere og teams
nav-audit = Adgangslog
signed-in-as = Logget ind som { $name }
sign-in = Log ind
sign-out = Log ud
landing-sign-in = Log ind som medarbejder
landing-go-home = Gå til din forside

role-administrator = Administrator
role-head_of_department = Afdelingsleder
role-team_manager = Teamleder
role-processor = Procesansvarlig rådgiver

login-title = Log ind
login-lead = Log ind med din arbejdsmail og din adgangskode.
login-email = E-mail
login-password = Adgangskode
login-failed = E-mail eller adgangskode er forkert, eller kontoen er låst efter for mange forsøg. Kontakt din administrator, hvis du ikke kan komme ind.
login-throttled = Der har været for mange forsøg på at logge ind. Vent 15 minutter, og prøv igen.
login-password-set = Din adgangskode er gemt. Du kan nu logge ind.
login-signed-out = Du er logget ud.

confirm-title = Bekræft, at det er dig
confirm-lead = Denne handling kræver, at du har indtastet din adgangskode inden for de sidste 5 minutter.
confirm-wrong = Adgangskoden er forkert.
confirm-submit = Bekræft

home-title = Velkommen, { $name }
home-role = Din rolle: { $role }
home-team = Dit team: { $team }
home-no-team = Du er ikke tilknyttet et team.
home-next = Hvad vil du gøre?
home-change-password = Skift adgangskode
home-admin-lead = Opsæt organisationen: opret teams, tilføj brugere, og følg adgangsloggen.
home-staff-lead = Dine forløb, fortællinger og teamets arbejde samles her, efterhånden som de bliver taget i brug.

password-title = Skift adgangskode
password-lead = Vælg en adgangskode på mindst 12 tegn. En sætning, du kan huske, er god. Når du skifter, bliver du logget ud alle andre steder.
password-current = Nuværende adgangskode
password-new = Ny adgangskode
password-new-hint = Mindst 12 og højst 128 tegn. Almindelige adgangskoder afvises.
password-repeat = Gentag ny adgangskode
password-changed = Din adgangskode er skiftet. Du er logget ud alle andre steder.
password-error-current = Den nuværende adgangskode er forkert.
password-error-short = Adgangskoden skal have mindst 12 tegn.
password-error-long = Adgangskoden må højst have 128 tegn.
password-error-common = Adgangskoden er for almindelig. Vælg en anden, fx en sætning.
password-error-control = Adgangskoden indeholder et usynligt tegn. Skriv den igen.
password-error-mismatch = De to adgangskoder er ikke ens.

set-password-title = Vælg din adgangskode
set-password-lead = Vælg en adgangskode til { $email }. Linket kan kun bruges én gang.

admin-title = Administration
admin-lead = Opsætning af { $organization }.
admin-checklist = Tjekliste
admin-teams-count = Teams: { $count }
admin-users-count = Brugere: { $count }
admin-audit-lead = Adgangsloggen viser, hvem der har set og ændret hvad. Den kan ikke ændres, og dens kæde kan efterprøves.

users-title = Brugere og teams
users-add = Tilføj bruger
users-name = Navn
users-email = E-mail
users-role = Rolle
users-team = Team
users-status = Status
users-none = Der er ingen brugere endnu.
users-team-none = Intet team
status-active = Aktiv
status-locked = Låst
status-deactivated = Deaktiveret
status-no-password = Mangler adgangskode

user-new-title = Tilføj bruger
user-new-lead = Brugeren får et engangslink til at vælge sin adgangskode. Linket gælder i 72 timer.
user-error-email = Skriv en gyldig e-mailadresse, fx navn@kommune.dk.
user-error-email-taken = Der findes allerede en bruger med den e-mailadresse.
user-error-name = Skriv et navn på højst 120 tegn uden usynlige tegn.
user-error-role = Vælg en rolle.
user-error-team = Teamledere og rådgivere skal tilknyttes et team.
user-created = Brugeren er oprettet.
user-link-title = Engangslink til adgangskode
user-link-lead = Giv linket til { $name } ad en sikker vej. Det vises kun denne ene gang og gælder i 72 timer.
user-title = { $name }
user-locked-reason = Låst { $date }: { $reason }
user-actions = Handlinger
user-new-link = Lav nyt link til adgangskode
user-lock = Lås kontoen
user-unlock = Lås kontoen op
user-reason = Begrundelse
user-reason-hint = Begrundelsen gemmes i adgangsloggen.
user-error-reason = Skriv en begrundelse på højst 500 tegn.
user-deactivate = Deaktiver kontoen
user-change-role = Skift rolle
user-updated = Ændringen er gemt.
user-back = Tilbage til brugere

teams-title = Teams
teams-add = Opret team
teams-name = Teamets navn
teams-none = Der er ingen teams endnu.
teams-error-name = Skriv et navn på højst 120 tegn.
teams-error-taken = Der findes allerede et team med det navn.
teams-deactivate = Deaktiver
teams-created = Teamet er oprettet.

audit-title = Adgangslog
audit-filter = Filtrer
audit-actor = Bruger-id
audit-subject = Person-id
audit-action = Handling (begynder med)
audit-from = Fra dato
audit-until = Til og med dato
audit-date-hint = Skrives som ÅÅÅÅ-MM-DD.
audit-error-date = Skriv datoen som ÅÅÅÅ-MM-DD.
audit-error-id = Skriv et gyldigt id.
audit-when = Tidspunkt (UTC)
audit-who = Hvem
audit-what = Handling
audit-object = Objekt
audit-outcome = Udfald
audit-none = Ingen hændelser passer til filtret.
audit-older = Ældre hændelser
audit-caption = Hændelser, nyeste først
