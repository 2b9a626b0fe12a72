# What the component says over XMPP: command names (disco#items), form
# titles, instructions, field and option labels, notes and error texts.
# Node names and form field names (vars) are machine names and stay as
# they are; only what a person reads is here. The notification texts
# (notify-*, confirm-request) are in main.ftl.
# Dutch: the reader is addressed as "je".

## Command names, as listed by a client

cmd-invite = Iemand uitnodigen
cmd-create-account = Account aanmaken
cmd-group = Groepsuitnodiging maken
cmd-list = Mijn uitnodigingen
cmd-reset = Uitnodiging voor wachtwoordherstel
cmd-list-identity = Commando's

## Durations offered in the lifetime lists

lifetime-1h = 1 uur
lifetime-1d = 1 dag
lifetime-7d = 1 week
lifetime-30d = 30 dagen

## The XEP-0401 result form and the invite commands

field-uri = Uitnodigings-URI
field-landing-url = Weblink van de uitnodiging
field-expire = Geldig tot (UTC)
field-email = Uitnodiging e-mailen naar (optioneel)
field-message =
    Persoonlijk bericht in de e-mail (optioneel, maximaal { $max } { $max ->
        [one] teken
       *[other] tekens
    })
field-copy-to = Stuur mij een kopie op dit e-mailadres (optioneel, wordt niet bewaard)
field-username = Gebruikersnaam (optioneel; gereserveerd voor deze uitnodiging)
field-roster-subscription = Het nieuwe account en mij aan elkaars contacten toevoegen
field-lifetime = Geldigheidsduur
field-uses-account = Hoeveel accounts ermee aangemaakt mogen worden (1 tot en met { $max }; 1 bij een gebruikersnaam)
field-note = Notitie voor beheerders (niet zichtbaar voor de genodigde)

form-invite-created = Uitnodiging gemaakt
form-invite-created-instructions = Stuur de link zelf, of vul een e-mailadres in, dan sturen wij hem voor je.
form-create-account = Accountuitnodiging maken
form-create-account-instructions = Laat de gebruikersnaam leeg als de genodigde er zelf een mag kiezen.

note-invite-created = Uitnodiging gemaakt. Stuur deze link naar degene die je uitnodigt: { $url } (geldig tot { $expires })
note-email-queued = De uitnodigingsmail is onderweg; in Mijn uitnodigingen zie je of hij is bezorgd.

## The group-invite command

field-group = Groepsnaam (de contactgroep waarin iedereen die meedoet terechtkomt)
field-uses-group = Hoeveel mensen mogen meedoen (1 tot en met { $max })
field-lifetime-free = Geldigheidsduur (bijv. 1d, 7d)
form-group = Groepsuitnodiging maken
form-group-instructions = Iedereen die via deze uitnodiging meedoet, wordt een contact van jou en van iedereen die al eerder meedeed.
note-group-created = Groepsuitnodiging voor { $group } gemaakt. Deel deze link met de mensen die meedoen: { $url } (geldig tot { $expires })

## My invites (#list)

field-creator = Gemaakt door (leeg: iedereen)
field-kind = Soort
field-invites = Uitnodigingen
field-action = Actie
option-kind-any = alle
option-kind-account = account
option-kind-contact = contact
option-kind-account-and-contact = account en contact
option-kind-reset = wachtwoordherstel
option-revoke = Intrekken
option-resend = E-mail opnieuw sturen (met een nieuwe link)
form-filter = Uitnodigingen
form-filter-instructions = Welke actieve uitnodigingen je wilt zien.
form-list-admin = Actieve uitnodigingen
form-list = Mijn uitnodigingen
form-list-instructions =
    { $count ->
        [one] Eén actieve uitnodiging. Selecteer wat je wilt intrekken en ga verder om te bevestigen.
       *[other] { $count } actieve uitnodigingen. Selecteer wat je wilt intrekken en ga verder om te bevestigen.
    }
form-revoke = Uitnodigingen intrekken
form-revoke-instructions =
    { $count ->
        [one] Deze uitnodiging intrekken? De link werkt dan meteen niet meer.
       *[other] Deze { $count } uitnodigingen intrekken? De links werken dan meteen niet meer.
    }
form-resend = Uitnodigingen opnieuw sturen
form-resend-instructions =
    { $count ->
        [one] Deze uitnodiging opnieuw e-mailen? Ze krijgt een nieuwe link; de oude werkt dan niet meer.
       *[other] Deze { $count } uitnodigingen opnieuw e-mailen? Elke uitnodiging krijgt een nieuwe link; de oude werkt dan niet meer.
    }
note-no-invites = Geen actieve uitnodigingen.
note-select-one = Selecteer minstens één uitnodiging.
note-not-listed = ‘{ $value }’ staat niet tussen de getoonde uitnodigingen.
note-resending = Wordt opnieuw verstuurd: { $ids }.
note-revoked =
    { $count ->
        [one] Eén uitnodiging ingetrokken: { $ids }.
       *[other] { $count } uitnodigingen ingetrokken: { $ids }.
    }
note-email-off = E-mail is niet ingesteld voor deze dienst.
note-invite-error = { $id }: { $error }

# One line per invite in the list. $kind is one of the option-kind-* words.
summary-invite = #{ $id } ({ $kind }), gemaakt op { $created }, verloopt op { $expires }, nog { $left } van { $max } keer te gebruiken
summary-by = , gemaakt door { $jid }
summary-for = , voor { $username }
summary-note = , notitie: { $note }
summary-joined = , gebruikt door: { $jids }
summary-emailed = , gemaild naar { $address } ({ $sends } keer verstuurd): { $status }
summary-email-sending = wordt verstuurd
summary-email-retrying = nog niet bezorgd ({ $error })
summary-email-sent = verstuurd op { $at }
summary-email-failed = MISLUKT: { $error }

## Password reset invite (#reset)

field-account = Account (gebruikersnaam of adres)
field-note-admins = Notitie voor beheerders
form-reset = Uitnodiging voor wachtwoordherstel
form-reset-instructions = Een link voor eenmalig gebruik, naar een pagina waarop de eigenaar van het account een nieuw wachtwoord kan instellen.
note-reset-created = Uitnodiging voor wachtwoordherstel gemaakt voor { $username }. Stuur deze link naar de eigenaar van het account: { $url } (geldig tot { $expires })
error-reset-account-missing = Geef het account op waarvan het wachtwoord opnieuw ingesteld moet worden.
error-reset-not-ours = ‘{ $account }’ is geen account op { $domain }
error-reset-no-account = Het account { $jid } bestaat niet.

## Problems with what was submitted

error-not-boolean = { $field }: ‘{ $value }’ is geen ja of nee
error-not-number = { $field }: ‘{ $value }’ is geen geheel getal
error-not-duration = { $field }: ‘{ $value }’ is geen tijdsduur (bijvoorbeeld 1h, 1d of 7d)
error-not-jid = { $field }: ‘{ $value }’ is geen adres zoals naam@example.org
error-unknown-value = { $field }: ‘{ $value }’ is geen van de keuzes
error-group-required = group: een groepsnaam is verplicht
error-group-empty = De groepsnaam is leeg.
error-group-long =
    De groepsnaam is langer dan { $max } { $max ->
        [one] teken
       *[other] tekens
    }.
error-group-control = De groepsnaam bevat besturingstekens.
error-mint-username =
    ‘{ $username }’ kan geen gebruikersnaam zijn: geef alleen het deel vóór de @, zonder spaties of besturingstekens, maximaal { $max } { $max ->
        [one] teken
       *[other] tekens
    }.
error-mint-username-reserved = De gebruikersnaam ‘{ $username }’ is al gereserveerd door een andere uitnodiging.
error-mint-username-notallowed = De gebruikersnaam ‘{ $username }’ is gereserveerd voor de rollen en beheerders van de server zelf.
error-mint-lifetime = De geldigheidsduur moet tussen één minuut en { $max } liggen.
error-mint-uses = Het aantal keer gebruik moet tussen 1 en { $max } liggen.
error-mint-uses-username = Een uitnodiging die voor een gebruikersnaam is gereserveerd, maakt één account aan: zet het aantal keer gebruik op 1 of laat de gebruikersnaam leeg.
error-mint-note =
    De notitie is langer dan { $max } { $max ->
        [one] teken
       *[other] tekens
    }.
error-quota-live =
    { $limit ->
        [one] Je hebt al { $limit } actieve uitnodiging, het maximum; er komt een plek vrij als die wordt gebruikt, als je die intrekt (Mijn uitnodigingen), of op { $frees }, als die verloopt.
       *[other] Je hebt al { $limit } actieve uitnodigingen, het maximum; er komt een plek vrij als er een wordt gebruikt, als je er een intrekt (Mijn uitnodigingen), of op { $frees }, als de eerste verloopt.
    }
error-quota-daily =
    { $limit ->
        [one] Je hebt in de afgelopen 24 uur { $limit } uitnodiging gemaakt, het maximum; de volgende kun je maken op { $frees }.
       *[other] Je hebt in de afgelopen 24 uur { $limit } uitnodigingen gemaakt, het maximum; de volgende kun je maken op { $frees }.
    }
error-email-address = Dat e-mailadres lijkt niet te kloppen.
error-email-copy = Het adres voor je kopie lijkt niet te kloppen.
error-email-long =
    Het bericht is langer dan { $max } { $max ->
        [one] teken
       *[other] tekens
    }.
error-email-control = Het bericht bevat besturingstekens.
error-email-limit-inviter =
    { $count ->
        [one] Je hebt vandaag { $count } uitnodigingsmail verstuurd, het maximum; probeer het later opnieuw.
       *[other] Je hebt vandaag { $count } uitnodigingsmails verstuurd, het maximum; probeer het later opnieuw.
    }
error-email-limit-recipient =
    { $count ->
        [one] Dit adres heeft vandaag { $count } uitnodigingsmail ontvangen, het maximum; probeer het later opnieuw.
       *[other] Dit adres heeft vandaag { $count } uitnodigingsmails ontvangen, het maximum; probeer het later opnieuw.
    }
error-email-limit-resends = Deze uitnodiging is al { $count } keer opnieuw verstuurd, het maximum.
error-email-not-emailed = Deze uitnodiging is niet per e-mail verstuurd.
error-email-already = Deze uitnodiging is al per e-mail verstuurd: opnieuw sturen kan via Mijn uitnodigingen.
error-email-not-live = Deze uitnodiging is niet meer actief.
error-invite-not-found = Er is geen uitnodiging { $id } bij de uitnodigingen die je kunt beheren.

## Refusals

error-denied-not-local = Alleen gebruikers van { $domain } kunnen hier uitnodigingen maken.
error-denied-not-admin = Alleen beheerders van { $domain } kunnen accountuitnodigingen maken.
error-denied-contact-off = Contactuitnodigingen zijn uitgeschakeld op { $domain }; vraag het een beheerder.
error-denied-group = Alleen beheerders van { $domain } kunnen groepsuitnodigingen maken.
error-denied-reset = Alleen beheerders van { $domain } kunnen uitnodigingen voor wachtwoordherstel maken.
error-manage-not-local = Alleen gebruikers van { $domain } kunnen hier uitnodigingen beheren.

## Protocol errors (stanza error texts)

error-command-unavailable = Dit commando is niet beschikbaar.
error-no-such-command = Dit commando bestaat niet.
error-no-such-node = Deze node bestaat niet.
error-bad-action = Die actie is in deze stap niet toegestaan.
error-malformed-action = Onbekende actie.
error-bad-session = Onbekende sessie.
error-session-expired = Deze commandosessie is verlopen; begin opnieuw.
error-needs-form = Voor deze stap is een ingevuld formulier nodig.
error-unexpected-stage = Onverwachte stap.
error-too-many-sessions = Te veel open commandosessies; rond er eerst een af of annuleer er een.
error-internal = Er ging iets mis in de uitnodigingsdienst; probeer het later opnieuw.
error-invite-token = invite-token: ontbreekt, is ongeldig of is geen uitnodiging van jou
note-not-emailed = Niet gemaild: { $error } Stuur de link zelf.
