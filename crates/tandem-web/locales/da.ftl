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
