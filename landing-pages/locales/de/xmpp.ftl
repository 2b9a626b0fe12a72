# Was der Dienst über XMPP sagt: Befehlsnamen, Formulare, Hinweise und
# Fehlertexte. Knotennamen und Feldnamen (var) bleiben unübersetzt.

## Befehlsnamen, wie ein Client sie auflistet

cmd-invite = Jemanden einladen
cmd-create-account = Konto anlegen
cmd-group = Gruppeneinladung erstellen
cmd-list = Meine Einladungen
cmd-reset = Einladung zum Zurücksetzen des Passworts
cmd-list-identity = Befehle

## Gültigkeitsdauern in den Auswahllisten

lifetime-1h = 1 Stunde
lifetime-1d = 1 Tag
lifetime-7d = 1 Woche
lifetime-30d = 30 Tage

## Das Ergebnisformular nach XEP-0401 und die Einladungsbefehle

field-uri = Einladungs-URI
field-landing-url = Einladungslink
field-expire = Gültig bis (UTC)
field-email = Einladung per E-Mail senden an (optional)
field-message = Persönliche Nachricht für die E-Mail (optional, höchstens { $max } Zeichen)
field-copy-to = Mir eine Kopie an diese E-Mail-Adresse schicken (optional, wird nicht gespeichert)
field-username = Benutzername (optional; für diese Einladung reserviert)
field-roster-subscription = Das neue Konto und mich gegenseitig als Kontakte hinzufügen
field-lifetime = Gültig für
field-uses-account = Wie viele Konten damit angelegt werden können (1 bis { $max }; 1 mit Benutzername)
field-note = Notiz für Admins (für die eingeladene Person nicht sichtbar)

form-invite-created = Einladung erstellt
form-invite-created-instructions = Schick den Link selbst, oder gib eine E-Mail-Adresse an, dann schicken wir ihn für dich.
form-create-account = Einladung für ein neues Konto
form-create-account-instructions = Lass den Benutzernamen leer, wenn die eingeladene Person selbst einen wählen soll.

note-invite-created = Einladung erstellt. Schick diesen Link an die Person, die du einlädst: { $url } (gültig bis { $expires } UTC)
note-email-queued = Die Einladungs-E-Mail ist unterwegs; unter „Meine Einladungen“ siehst du, ob sie angekommen ist.
note-not-emailed = Nicht per E-Mail verschickt: { $error } Schick den Link bitte selbst.

## Gruppeneinladungen

field-group = Gruppenname (die Kontaktgruppe, in die alle kommen, die beitreten)
field-uses-group = Wie viele Personen beitreten können (1 bis { $max })
field-lifetime-free = Gültig für (z. B. 1d, 7d)
form-group = Gruppeneinladung erstellen
form-group-instructions = Wer über diese Einladung beitritt, wird dein Kontakt und der Kontakt aller, die vorher beigetreten sind.
note-group-created = Gruppeneinladung für { $group } erstellt. Teile diesen Link mit allen, die beitreten sollen: { $url } (gültig bis { $expires } UTC)

## Meine Einladungen (#list)

field-creator = Erstellt von (leer: egal von wem)
field-kind = Art
field-invites = Einladungen
field-action = Aktion
option-kind-any = alle
option-kind-account = Konto
option-kind-contact = Kontakt
option-kind-account-and-contact = Konto und Kontakt
option-kind-reset = Passwort zurücksetzen
option-revoke = Widerrufen
option-resend = E-Mail erneut senden (mit neuem Link)
form-filter = Einladungen
form-filter-instructions = Welche gültigen Einladungen angezeigt werden sollen.
form-list-admin = Gültige Einladungen
form-list = Meine Einladungen
form-list-instructions =
    { $count ->
        [one] Eine gültige Einladung. Wähle die aus, die du widerrufen möchtest, und bestätige dann.
       *[other] { $count } gültige Einladungen. Wähle die aus, die du widerrufen möchtest, und bestätige dann.
    }
form-revoke = Einladungen widerrufen
form-revoke-instructions =
    { $count ->
        [one] Diese Einladung widerrufen? Ihr Link funktioniert dann sofort nicht mehr.
       *[other] Diese { $count } Einladungen widerrufen? Ihre Links funktionieren dann sofort nicht mehr.
    }
form-resend = Einladungen erneut senden
form-resend-instructions =
    { $count ->
        [one] Diese Einladung noch einmal per E-Mail senden? Sie bekommt einen neuen Link; der alte funktioniert nicht mehr.
       *[other] Diese { $count } Einladungen noch einmal per E-Mail senden? Jede bekommt einen neuen Link; die alten funktionieren nicht mehr.
    }
note-no-invites = Keine gültigen Einladungen.
note-select-one = Wähle mindestens eine Einladung aus.
note-not-listed = „{ $value }“ ist keine der aufgelisteten Einladungen.
note-resending = Wird erneut gesendet: { $ids }.
note-revoked =
    { $count ->
        [one] Eine Einladung widerrufen: { $ids }.
       *[other] { $count } Einladungen widerrufen: { $ids }.
    }
note-email-off = E-Mail ist bei diesem Dienst nicht eingerichtet.
note-invite-error = { $id }: { $error }

summary-invite =
    { $left ->
        [one] #{ $id } { $kind }, erstellt { $created }, läuft ab { $expires } (UTC), noch 1 von { $max } Nutzungen
       *[other] #{ $id } { $kind }, erstellt { $created }, läuft ab { $expires } (UTC), noch { $left } von { $max } Nutzungen
    }
summary-by = , von { $jid }
summary-for = , für { $username }
summary-note = , Notiz: { $note }
summary-joined = , beigetreten: { $jids }
summary-emailed = , per E-Mail an { $address } ({ $sends }-mal gesendet): { $status }
summary-email-sending = wird gesendet
summary-email-retrying = noch nicht zugestellt ({ $error })
summary-email-sent = gesendet { $at }
summary-email-failed = FEHLGESCHLAGEN: { $error }

## Einladung zum Zurücksetzen des Passworts (#reset)

field-account = Konto (Benutzername oder Adresse)
field-note-admins = Notiz für Admins
form-reset = Einladung zum Zurücksetzen des Passworts
form-reset-instructions = Ein einmal nutzbarer Link, über den die Person, der das Konto gehört, ein neues Passwort festlegen kann.
note-reset-created = Einladung zum Zurücksetzen des Passworts für { $username }. Schick diesen Link an die Person, der das Konto gehört: { $url } (gültig bis { $expires } UTC)
error-reset-account-missing = Gib das Konto an, dessen Passwort zurückgesetzt werden soll.
error-reset-not-ours = „{ $account }“ ist kein Konto auf { $domain }
error-reset-no-account = Es gibt kein Konto { $jid }.

## Probleme mit dem Eingegebenen

error-not-boolean = { $field }: „{ $value }“ ist weder Ja noch Nein
error-not-number = { $field }: „{ $value }“ ist keine ganze Zahl
error-not-duration = { $field }: „{ $value }“ ist keine Dauer (zum Beispiel 1h, 1d oder 7d)
error-not-jid = { $field }: „{ $value }“ ist keine Adresse wie name@example.org
error-unknown-value = { $field }: „{ $value }“ ist keine der Auswahlmöglichkeiten
error-group-required = group: Ein Gruppenname ist nötig
error-group-empty = Der Gruppenname ist leer.
error-group-long = Der Gruppenname ist länger als { $max } Zeichen.
error-group-control = Der Gruppenname enthält Steuerzeichen.
error-mint-username = „{ $username }“ geht nicht als Benutzername: Gib nur den Teil vor dem @ an, ohne Leer- oder Steuerzeichen, höchstens { $max } Zeichen.
error-mint-username-reserved = Der Benutzername „{ $username }“ ist schon für eine andere Einladung reserviert.
error-mint-username-notallowed = Der Benutzername „{ $username }“ ist für die Rollen des Servers und die Admins reserviert.
error-mint-lifetime = Die Gültigkeit muss zwischen einer Minute und { $max } liegen.
error-mint-uses = Die Zahl der Nutzungen muss zwischen 1 und { $max } liegen.
error-mint-uses-username = Eine Einladung mit reserviertem Benutzernamen legt genau ein Konto an: Setz die Zahl der Nutzungen auf 1 oder lass den Benutzernamen leer.
error-mint-note = Die Notiz ist länger als { $max } Zeichen.
error-quota-live = Du hast schon { $limit } gültige Einladungen, mehr sind nicht erlaubt. Eine wird frei, wenn sie benutzt wird, wenn du sie widerrufst (Meine Einladungen) oder am { $frees } (UTC), wenn die erste abläuft.
error-quota-daily = Du hast in den letzten 24 Stunden { $limit } Einladungen erstellt, mehr sind nicht erlaubt. Die nächste kannst du am { $frees } (UTC) erstellen.
error-email-address = Diese E-Mail-Adresse sieht nicht richtig aus.
error-email-copy = Die Adresse für deine Kopie sieht nicht richtig aus.
error-email-long = Die Nachricht ist länger als { $max } Zeichen.
error-email-control = Die Nachricht enthält Steuerzeichen.
error-email-limit-inviter = Du hast heute schon { $count } Einladungs-E-Mails verschickt, mehr sind nicht erlaubt; versuch es später noch einmal.
error-email-limit-recipient = Diese Adresse hat heute schon { $count } Einladungs-E-Mails bekommen, mehr sind nicht erlaubt; versuch es später noch einmal.
error-email-limit-resends = Diese Einladung wurde schon { $count }-mal erneut gesendet, mehr ist nicht erlaubt.
error-email-not-emailed = Diese Einladung wurde nicht per E-Mail verschickt.
error-email-already = Diese Einladung wurde schon per E-Mail verschickt: Sende sie unter „Meine Einladungen“ erneut.
error-email-not-live = Diese Einladung ist nicht mehr gültig.
error-invite-not-found = Unter den Einladungen, die du verwalten darfst, gibt es keine { $id }.

## Ablehnungen

error-denied-not-local = Nur Nutzerinnen und Nutzer von { $domain } können hier Einladungen erstellen.
error-denied-not-admin = Nur Admins von { $domain } können Einladungen für neue Konten erstellen.
error-denied-contact-off = Kontakteinladungen sind auf { $domain } abgeschaltet; frag bei den Admins nach.
error-denied-group = Nur Admins von { $domain } können Gruppeneinladungen erstellen.
error-denied-reset = Nur Admins von { $domain } können Einladungen zum Zurücksetzen von Passwörtern erstellen.
error-manage-not-local = Nur Nutzerinnen und Nutzer von { $domain } können hier Einladungen verwalten.

## Protokollfehler (Texte der Stanza-Fehler)

error-command-unavailable = Dieser Befehl ist nicht verfügbar.
error-no-such-command = Diesen Befehl gibt es nicht.
error-no-such-node = Diesen Knoten gibt es nicht.
error-bad-action = Diese Aktion ist in diesem Schritt nicht möglich.
error-malformed-action = Unbekannte Aktion.
error-bad-session = Unbekannte Sitzung.
error-session-expired = Diese Befehlssitzung ist abgelaufen; fang bitte neu an.
error-needs-form = Für diesen Schritt muss ein ausgefülltes Formular mitgeschickt werden.
error-unexpected-stage = Unerwarteter Schritt.
error-too-many-sessions = Zu viele offene Befehlssitzungen; schließ erst eine ab oder brich sie ab.
error-internal = Beim Einladungsdienst ist ein interner Fehler aufgetreten; versuch es später noch einmal.
error-invite-token = invite-token: fehlt, ist fehlerhaft oder gehört zu keiner deiner Einladungen

## Ablehnungen, die eine App bei der Registrierung mit einer Einladung zeigt
## (über das Servermodul)

module-token-invalid = Der Einladungscode ist ungültig oder abgelaufen.
module-used-up = Diese Einladung wurde schon verwendet.
module-already-registered = { $jid } wurde mit dieser Einladung schon angelegt.
module-not-acceptable = Diese Anfrage kann nicht angenommen werden.
module-pending = Die Registrierung wird gerade abgeschlossen; versuch es in einer Minute noch einmal.
module-username-reserved = Dieser Benutzername ist für eine andere Einladung reserviert.
module-failed = Beim Einladungsdienst ist ein Fehler aufgetreten; versuch es später noch einmal.
