# Landing pages of xmpp-invites. Every string a visitor sees is here.
# Placeables are not isolated (the loader turns isolation marks off) because
# several of them are addresses and URLs.
# Dutch: the reader is addressed as "je".

site-name = Uitnodigingen voor { $domain }
lang-name = Nederlands
# The name of the list of links to the page in other languages.
lang-switcher-label = Taal

## Dates: $year, $day (numbers), $month (the name below), $monthnum (1–12),
## $hour and $minute (two digits, 24-hour clock, UTC)
datetime = { $day } { $month } { $year }, { $hour }:{ $minute }
month-1 = januari
month-2 = februari
month-3 = maart
month-4 = april
month-5 = mei
month-6 = juni
month-7 = juli
month-8 = augustus
month-9 = september
month-10 = oktober
month-11 = november
month-12 = december

## Landing page
invite-title-account = Je bent uitgenodigd voor { $domain }
invite-title-account-by = { $inviter } nodigt je uit voor { $domain }
invite-title-contact = { $inviter } nodigt je uit om te chatten
invite-lead-account = { $domain } is een chatdienst op XMPP, de open standaard voor chatberichten. Je kunt chatten met iedereen op elke XMPP-dienst, net als bij e-mail.
invite-lead-contact = Chat met { $inviter } in elke XMPP-app. XMPP is de open standaard voor chatberichten.
invite-expires = Deze uitnodiging is geldig tot { $date } (UTC).
invite-step-app = 1. Installeer een app
invite-step-app-platform = Aanbevolen voor je apparaat
invite-step-app-other = Andere apparaten
invite-step-open = 2. Open de uitnodiging in de app
invite-open-button = Open de uitnodiging in je app
invite-open-note = Apps met het label ‘werkt met uitnodigingen’ stellen alles in via deze link. Gebruik je een andere app, maak dan hieronder je account aan in de browser en log daarna in.
invite-open-note-manual = Je app vraagt { $inviter } om je als contact te accepteren.
invite-step-register = 2. Maak je account aan
invite-register-heading = Account aanmaken in de browser
invite-register-text = Kies hier een adres op { $domain } en log daarmee in met een app naar keuze.
invite-register-button = Mijn account aanmaken
invite-existing-heading = Ik heb al een XMPP-adres
invite-existing-text = Open de link hierboven in je app en voeg { $inviter } toe, of geef je adres op, zodat { $inviter } je meteen kan accepteren.
invite-existing-button = Mijn bestaande adres gebruiken
invite-qr-heading = Op een ander apparaat?
invite-qr-text = Scan deze code met de camera van je telefoon om deze pagina daar te openen.
invite-qr-label = QR-code met het adres van deze pagina
app-ready = werkt met uitnodigingen
app-get = Download { $name } via { $store }
platform-android = Android
platform-ios = iPhone en iPad
platform-windows = Windows
platform-macos = macOS
platform-linux = Linux
platform-web = Webbrowser

## App descriptions (client-ID)
client-conversations = Makkelijk en veilig chatten op Android; werkt met uitnodigingslinks.
client-snikket = Eenvoudig en privé chatten op Android; werkt met uitnodigingslinks.
client-monal = Dé XMPP-app voor iPhone, iPad en Mac; werkt met uitnodigingslinks.
client-siskin = Een lichte XMPP-app voor iPhone en iPad.
client-gajim = Een uitgebreide XMPP-app voor Windows en Linux.
client-dino = Een moderne XMPP-app voor de Linux-desktop.
client-beagle = Een XMPP-app voor de Mac.
client-movim = XMPP in je webbrowser, zonder iets te installeren.

## Registration
register-title = Maak je account aan op { $domain }
register-fixed = Deze uitnodiging is voor het adres { $jid }.
register-username = Gebruikersnaam
register-username-hint = Letters, cijfers en . _ - zijn veilig. Je adres wordt gebruikersnaam@{ $domain }.
register-password = Wachtwoord
register-password-hint =
    Minstens { $min } { $min ->
        [one] teken
       *[other] tekens
    }.
register-confirm = Herhaal wachtwoord
register-submit = Account aanmaken
register-done-title = Welkom, { $jid }!
register-done-text = Je account is klaar. Installeer een app en log in met je adres en het wachtwoord dat je net hebt gekozen.
register-done-contact = { $inviter } staat al in je contacten.
register-done-address = Je adres

## Existing address
existing-title = Chat met { $inviter }
existing-text = Vul je XMPP-adres in, zodat { $inviter } je meteen kan accepteren.
existing-address = Je XMPP-adres
existing-address-hint = Bijvoorbeeld: naam@example.org
existing-submit = Doorgaan
accepted-title = Bijna klaar
accepted-text = { $inviter } accepteert je automatisch. Voeg { $inviter } nu toe als contact in je app:
accepted-button = { $inviter } toevoegen in mijn app
group-joined-title = Je bent nu lid van { $group }
group-joined-text = Iedereen in { $group } heeft je al als contact. Voeg ze stuk voor stuk toe in je app, dan zien jullie elkaar:
group-add-button = { $member } toevoegen in mijn app
group-joined-manual = Doet een knop niets? Voeg die persoon dan zelf toe als contact, in een groep met de naam { $group }.
group-landing-note = Deze uitnodiging is voor de groep { $group }: iedereen die meedoet, wordt een contact van alle anderen in de groep.
accepted-manual = Doet de knop niets? Voeg { $inviter } dan zelf toe als contact in je app.

## Field errors
error-summary = Corrigeer de gemarkeerde velden hieronder.
error-username-empty = Kies een gebruikersnaam.
error-username-invalid = Deze gebruikersnaam bevat tekens die niet in een XMPP-adres mogen, of is te lang.
error-username-fixed = Met deze uitnodiging kan alleen het account { $username } worden aangemaakt.
error-username-reserved = Deze gebruikersnaam is gereserveerd voor iemand anders.
error-username-long =
    De gebruikersnaam mag maximaal { $max } { $max ->
        [one] teken
       *[other] tekens
    } lang zijn.
error-username-notallowed = Deze gebruikersnaam is gereserveerd voor de server zelf; kies een andere.
error-username-taken = Deze gebruikersnaam is al bezet; kies een andere.
error-password-short =
    Het wachtwoord moet minstens { $min } { $min ->
        [one] teken
       *[other] tekens
    } lang zijn.
error-password-long =
    Het wachtwoord mag maximaal { $max } { $max ->
        [one] teken
       *[other] tekens
    } lang zijn.
error-password-username = Het wachtwoord mag niet hetzelfde zijn als de gebruikersnaam.
error-password-mismatch = De wachtwoorden komen niet overeen.
error-password-chars = Het wachtwoord bevat tekens die niet gebruikt kunnen worden (besturings- of opmaaktekens). Typ het opnieuw.
error-password-server = Deze chatserver kan sommige tekens van dit wachtwoord niet opslaan, zoals emoji. Kies een wachtwoord zonder die tekens.
error-address-invalid = Dit is geen XMPP-adres (naam@example.org).
error-address-inviter = Dat is het adres van degene die je heeft uitgenodigd.
error-form-expired = Dit formulier is verlopen. Verstuur het opnieuw.

## Password reset
reset-title = Nieuw wachtwoord instellen voor { $jid }
reset-lead = Kies een nieuw wachtwoord voor je account { $jid }. Je contacten en berichten blijven gewoon bewaard.
reset-expires = Deze link is geldig tot { $date } (UTC) en werkt één keer.
reset-account = Je adres
reset-password = Nieuw wachtwoord
reset-submit = Wachtwoord instellen
reset-done-title = Je nieuwe wachtwoord is ingesteld
reset-done-text = Log in op { $jid } met je nieuwe wachtwoord. Apps die nog met het oude wachtwoord zijn ingelogd, vragen om het nieuwe.
reset-unknown-title = We konden je nieuwe wachtwoord niet bevestigen
reset-unknown-text = De chatserver reageerde niet op tijd, dus we weten niet of je nieuwe wachtwoord is ingesteld. Probeer in te loggen met het nieuwe wachtwoord en daarna met het oude. Deze link is nu gebruikt: werkt geen van beide, vraag dan een nieuwe aan.
reset-unavailable-text = Je wachtwoord is niet gewijzigd en deze link werkt nog. Probeer het over een paar minuten opnieuw.
reset-refused-title = De chatserver heeft het wachtwoord niet gewijzigd
reset-refused-text = Je wachtwoord is niet gewijzigd en deze link werkt nog. Probeer het later opnieuw, of laat het weten aan degene die je de link heeft gestuurd.
reset-noaccount-title = Dit account bestaat niet meer
reset-noaccount-text = Er is geen account waarvoor een wachtwoord kan worden ingesteld. Vraag het na bij degene die je deze link heeft gestuurd.

## Dead invites and errors
dead-notfound-title = Uitnodiging niet gevonden
dead-notfound-text = Deze uitnodigingslink is niet geldig. Controleer of je de hele link hebt gekopieerd, of vraag om een nieuwe uitnodiging.
dead-expired-title = Deze uitnodiging is verlopen
dead-expired-text = Uitnodigingen zijn maar een beperkte tijd geldig. Vraag degene die je heeft uitgenodigd om een nieuwe.
dead-used-title = Deze uitnodiging is al gebruikt
dead-used-text = Elke uitnodiging kan maar een beperkt aantal keer worden gebruikt. Vraag degene die je heeft uitgenodigd om een nieuwe.
error-unavailable-title = De chatserver is nu niet bereikbaar
error-unavailable-text = Je account is niet aangemaakt en je uitnodiging is nog geldig. Probeer het over een paar minuten opnieuw.
register-exists-title = Je account { $jid } is klaar
register-exists-text = Het is zojuist met deze uitnodiging aangemaakt. Open je app en log in met het wachtwoord dat je toen hebt gekozen.
error-pending-title = Je account wordt aangemaakt
error-pending-text = De chatserver reageerde niet op tijd, dus we weten nog niet of je account is aangemaakt. Wacht een minuut en verstuur het formulier dan opnieuw met dezelfde gebruikersnaam en hetzelfde wachtwoord.
error-confirmations-title = Te veel bevestigingsberichten
error-confirmations-text = Naar dit adres, of voor deze uitnodiging, zijn vandaag al genoeg bevestigingsberichten verstuurd. Zoek het bericht dat al is verstuurd, of probeer het morgen opnieuw.
error-refused-title = De chatserver heeft het account niet aangemaakt
error-refused-text = Je uitnodiging is nog geldig. Probeer het later opnieuw, of laat het weten aan degene die je heeft uitgenodigd.
error-internal-title = Er ging iets mis
error-internal-text = Je uitnodiging is nog geldig. Probeer het later opnieuw.
error-ratelimit-title = Te veel verzoeken
error-ratelimit-text = Wacht een minuut en probeer het dan opnieuw.
error-badrequest-title = Dit verzoek is niet begrepen
error-badrequest-text = Ga terug en probeer het opnieuw.
error-forbidden-title = Dit formulier is vanaf een andere site verstuurd
error-forbidden-text = Voor je veiligheid is het niet geaccepteerd. Open de uitnodigingslink opnieuw en gebruik het formulier op die pagina.
index-title = Uitnodigingen voor { $domain }
index-text = Deze dienst maakt accounts aan op { $domain } voor mensen met een uitnodigingslink. Heb je er een? Open die dan.
accept-title = Heb je een uitnodigingscode?
accept-code = Uitnodigingslink of -code
accept-code-hint = Plak de link, de code of het xmpp:-adres dat je hebt gekregen.
accept-submit = Uitnodiging openen
accept-empty = Plak eerst een uitnodigingslink of -code.
accept-garbage = Dit is geen uitnodigingslink of -code. Controleer of je alles hebt gekopieerd.

## Message to the inviter (XMPP)
notify-accepted = { $jid } heeft je uitnodiging geaccepteerd.
notify-reset = { $jid } heeft met je uitnodiging voor wachtwoordherstel een nieuw wachtwoord ingesteld.
notify-reset-unknown = { $jid } heeft je uitnodiging voor wachtwoordherstel gebruikt, maar de server heeft het nieuwe wachtwoord niet bevestigd. Lukt inloggen niet, stuur dan een nieuwe uitnodiging.

## Confirmation by a user of this server
confirm-sent-title = Bekijk je berichten
confirm-sent-text = We hebben een bericht met een link gestuurd naar { $address }. Open die link terwijl je met dat account bent ingelogd, dan worden jij en { $inviter } elkaars contacten.
confirm-title = { $inviter } toevoegen als contact?
confirm-text = { $inviter } heeft { $address } uitgenodigd om te chatten. Bevestig, dan komen jullie in elkaars contacten te staan.
confirm-button = Bevestigen
confirm-done-title = Jij en { $inviter } zijn nu contacten
confirm-done-text = Open je app: { $inviter } staat in je contacten.
confirm-request = { $inviter } heeft je uitgenodigd om te chatten. Open deze link om te accepteren en elkaars contacten te worden: { $url }
error-toolarge-title = Dit formulier is te groot
error-toolarge-text = Wat je hebt verstuurd, is langer dan een geldig antwoord kan zijn. Ga terug en maak het korter.
error-timeout-title = Dit formulier deed er te lang over
error-timeout-text = De verbinding was te traag. Ga terug en verstuur het formulier opnieuw.

## Invitation email
email-subject = { $inviter } nodigt je uit om te chatten op { $domain }
email-intro = { $inviter } nodigt je uit om te chatten op { $domain }.
email-message-intro = Persoonlijk bericht:
email-link-intro = Open deze link en volg de stappen om de uitnodiging te accepteren:
email-button = Uitnodiging accepteren
email-expiry = De link werkt tot { $expires } (UTC). Hij is alleen voor jou bedoeld: stuur deze e-mail niet door.
email-about = Wat is dit? { $domain } is een chatdienst die XMPP gebruikt, een open standaard voor berichten: net als bij e-mail kunnen mensen bij verschillende diensten met elkaar chatten, met de app van hun keuze. De pagina achter de link helpt je een app te kiezen en je account aan te maken, of je bestaande adres te gebruiken.
email-copy = Dit is een kopie van de uitnodiging die je hebt verstuurd.
email-footer = Je krijgt dit bericht omdat { $inviter } je adres heeft ingevuld. Ken je deze persoon niet? Dan kun je deze e-mail negeren.
