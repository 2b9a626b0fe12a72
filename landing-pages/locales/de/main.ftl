# Landing pages of xmpp-invites, German. Message ids, their order and the
# section comments follow en-US/main.ftl. Register: "du", as in chat apps.
# Placeables are not isolated (the loader turns isolation marks off) because
# several of them are addresses and URLs.

site-name = Einladungen zu { $domain }
lang-name = Deutsch
# The name of the list of links to the page in other languages.
lang-switcher-label = Sprache

## Dates: $year, $day (numbers), $month (the name below), $monthnum (1–12),
## $hour and $minute (two digits, 24-hour clock, UTC)
datetime = { $day }. { $month } { $year }, { $hour }:{ $minute }
month-1 = Januar
month-2 = Februar
month-3 = März
month-4 = April
month-5 = Mai
month-6 = Juni
month-7 = Juli
month-8 = August
month-9 = September
month-10 = Oktober
month-11 = November
month-12 = Dezember

## Landing page
invite-title-account = Du bist zu { $domain } eingeladen
invite-title-account-by = { $inviter } lädt dich zu { $domain } ein
invite-title-contact = { $inviter } lädt dich zum Chatten ein
invite-lead-account = { $domain } ist ein Chatdienst auf Basis von XMPP, dem offenen Standard für Instant Messaging. Wie bei E-Mail kannst du mit allen chatten, egal bei welchem XMPP-Dienst sie sind.
invite-lead-contact = Chatte mit { $inviter } über eine beliebige XMPP-App – XMPP ist der offene Standard für Instant Messaging.
invite-expires = Diese Einladung ist bis { $date } (UTC) gültig.
invite-step-app = 1. Hol dir eine App
invite-step-app-platform = Empfohlen für dein Gerät
invite-step-app-other = Andere Geräte
invite-step-open = 2. Öffne die Einladung in der App
invite-open-button = Einladung in der App öffnen
invite-open-note = Die mit „unterstützt Einladungen“ markierten Apps richten über diesen Link alles für dich ein. Mit anderen Apps erstellst du dein Konto unten im Browser und meldest dich dann an.
invite-open-note-manual = Deine App bittet { $inviter }, dich als Kontakt anzunehmen.
invite-step-register = 2. Erstelle dein Konto
invite-register-heading = Konto im Browser erstellen
invite-register-text = Wähle hier eine Adresse bei { $domain } und melde dich damit in einer beliebigen App an.
invite-register-button = Mein Konto erstellen
invite-existing-heading = Ich habe schon eine XMPP-Adresse
invite-existing-text = Öffne den Link oben in deiner App und füge { $inviter } hinzu – oder nenne uns deine Adresse, damit { $inviter } dich direkt annehmen kann.
invite-existing-button = Meine bestehende Adresse nutzen
invite-qr-heading = Auf einem anderen Gerät?
invite-qr-text = Scanne diesen Code mit der Kamera deines Handys, um diese Seite dort zu öffnen.
invite-qr-label = QR-Code mit der Adresse dieser Seite
app-ready = unterstützt Einladungen
app-get = { $name } bei { $store } laden
platform-android = Android
platform-ios = iPhone und iPad
platform-windows = Windows
platform-macos = macOS
platform-linux = Linux
platform-web = Webbrowser

## App descriptions (client-ID)
client-conversations = Einfaches und sicheres Messaging für Android; versteht Einladungslinks.
client-snikket = Einfaches, privates Messaging für Android; versteht Einladungslinks.
client-monal = Die XMPP-App für iPhone, iPad und Mac; versteht Einladungslinks.
client-siskin = Eine schlanke XMPP-App für iPhone und iPad.
client-gajim = Eine umfangreiche XMPP-App für Windows und Linux.
client-dino = Eine moderne XMPP-App für den Linux-Desktop.
client-beagle = Eine XMPP-App für den Mac.
client-movim = XMPP im Webbrowser, ganz ohne Installation.

## Registration
register-title = Erstelle dein Konto bei { $domain }
register-fixed = Diese Einladung gilt für die Adresse { $jid }.
register-username = Benutzername
register-username-hint = Buchstaben, Ziffern und . _ - kannst du bedenkenlos verwenden. Deine Adresse lautet dann benutzername@{ $domain }.
register-password = Passwort
register-password-hint = Mindestens { $min } Zeichen.
register-confirm = Passwort wiederholen
register-submit = Konto erstellen
register-done-title = Willkommen, { $jid }!
register-done-text = Dein Konto ist bereit. Installiere eine App und melde dich mit deiner Adresse und dem Passwort an, das du gerade gewählt hast.
register-done-contact = { $inviter } ist schon in deinen Kontakten.
register-done-address = Deine Adresse

## Existing address
existing-title = Chatte mit { $inviter }
existing-text = Gib deine XMPP-Adresse ein, damit { $inviter } dich sofort annehmen kann.
existing-address = Deine XMPP-Adresse
existing-address-hint = Zum Beispiel: name@example.org
existing-submit = Weiter
accepted-title = Fast geschafft
accepted-text = { $inviter } nimmt dich automatisch an. Füge { $inviter } jetzt in deiner App als Kontakt hinzu:
accepted-button = { $inviter } in meiner App hinzufügen
group-joined-title = Du bist { $group } beigetreten
group-joined-text = Alle in { $group } haben dich schon in ihren Kontakten. Füge sie einzeln in deiner App hinzu, dann seht ihr euch gegenseitig:
group-add-button = { $member } in meiner App hinzufügen
group-joined-manual = Wenn ein Button nichts tut, füge die Person von Hand als Kontakt hinzu, in einer Gruppe namens { $group }.
group-landing-note = Diese Einladung gilt für die Gruppe { $group }: Wer beitritt, wird mit allen anderen in der Gruppe als Kontakt verbunden.
accepted-manual = Wenn der Button nichts tut, füge { $inviter } in deiner App von Hand als Kontakt hinzu.

## Field errors
error-summary = Bitte korrigiere die unten markierten Felder.
error-username-empty = Wähle einen Benutzernamen.
error-username-invalid = Dieser Benutzername enthält Zeichen, die in einer XMPP-Adresse nicht vorkommen dürfen, oder er ist zu lang.
error-username-fixed = Mit dieser Einladung kann nur das Konto { $username } erstellt werden.
error-username-reserved = Dieser Benutzername ist für jemand anderen reserviert.
error-username-long = Der Benutzername darf höchstens { $max } Zeichen haben.
error-username-notallowed = Dieser Benutzername ist für den Server selbst reserviert; wähle einen anderen.
error-username-taken = Dieser Benutzername ist schon vergeben; wähle einen anderen.
error-password-short = Das Passwort muss mindestens { $min } Zeichen haben.
error-password-long = Das Passwort darf höchstens { $max } Zeichen haben.
error-password-username = Das Passwort darf nicht der Benutzername sein.
error-password-mismatch = Die beiden Passwörter stimmen nicht überein.
error-password-chars = Das Passwort enthält Zeichen, die nicht verwendet werden können (Steuer- oder Formatierungszeichen). Gib es noch einmal ein.
error-password-server = Dieser Chat-Server kann manche Zeichen dieses Passworts nicht speichern, zum Beispiel Emojis. Wähle ein Passwort ohne sie.
error-address-invalid = Das ist keine XMPP-Adresse (name@example.org).
error-address-inviter = Das ist die Adresse der Person, die dich eingeladen hat.
error-form-expired = Dieses Formular ist abgelaufen. Bitte sende es noch einmal ab.

## Password reset
reset-title = Neues Passwort für { $jid } festlegen
reset-lead = Wähle ein neues Passwort für dein Konto { $jid }. Deine Kontakte und Nachrichten bleiben, wie sie sind.
reset-expires = Dieser Link ist bis { $date } (UTC) gültig und funktioniert nur einmal.
reset-account = Deine Adresse
reset-password = Neues Passwort
reset-submit = Neues Passwort festlegen
reset-done-title = Dein neues Passwort ist gesetzt
reset-done-text = Melde dich mit deinem neuen Passwort bei { $jid } an. Apps, die noch mit dem alten angemeldet sind, fragen nach dem neuen.
reset-unknown-title = Wir konnten dein neues Passwort nicht bestätigen
reset-unknown-text = Der Chatserver hat nicht rechtzeitig geantwortet, daher wissen wir nicht, ob dein neues Passwort gesetzt wurde. Versuche, dich mit dem neuen Passwort anzumelden, dann mit dem alten. Dieser Link ist verbraucht: Wenn keins von beiden funktioniert, bitte um einen neuen.
reset-unavailable-text = Dein Passwort wurde nicht geändert und dieser Link funktioniert weiterhin. Bitte versuche es in ein paar Minuten noch einmal.
reset-refused-title = Der Chatserver hat das Passwort nicht geändert
reset-refused-text = Dein Passwort wurde nicht geändert und dieser Link funktioniert weiterhin. Bitte versuche es später noch einmal oder gib der Person Bescheid, die ihn dir geschickt hat.
reset-noaccount-title = Dieses Konto gibt es nicht mehr
reset-noaccount-text = Es gibt kein Konto, für das ein Passwort gesetzt werden könnte. Frag die Person, die dir diesen Link geschickt hat.

## Dead invites and errors
dead-notfound-title = Einladung nicht gefunden
dead-notfound-text = Dieser Einladungslink ist ungültig. Prüfe, ob du den ganzen Link kopiert hast, oder bitte um eine neue Einladung.
dead-expired-title = Diese Einladung ist abgelaufen
dead-expired-text = Einladungen gelten nur eine begrenzte Zeit. Bitte die Person, die dich eingeladen hat, um eine neue.
dead-used-title = Diese Einladung wurde schon verwendet
dead-used-text = Jede Einladung kann nur begrenzt oft verwendet werden. Bitte die Person, die dich eingeladen hat, um eine neue.
error-unavailable-title = Der Chatserver ist gerade nicht erreichbar
error-unavailable-text = Dein Konto wurde nicht erstellt und deine Einladung ist weiterhin gültig. Bitte versuche es in ein paar Minuten noch einmal.
register-exists-title = Dein Konto { $jid } ist bereit
register-exists-text = Es wurde gerade eben mit dieser Einladung erstellt. Öffne deine App und melde dich mit dem Passwort an, das du dabei gewählt hast.
error-pending-title = Dein Konto wird eingerichtet
error-pending-text = Der Chatserver hat nicht rechtzeitig geantwortet, daher wissen wir noch nicht, ob dein Konto erstellt wurde. Warte eine Minute und sende das Formular dann noch einmal mit demselben Benutzernamen und Passwort ab.
error-confirmations-title = Zu viele Bestätigungsnachrichten
error-confirmations-text = An diese Adresse oder für diese Einladung wurden heute schon genug Bestätigungsnachrichten verschickt. Sieh nach der Nachricht, die schon verschickt wurde, oder versuche es morgen noch einmal.
error-refused-title = Der Chatserver hat das Konto nicht erstellt
error-refused-text = Deine Einladung ist weiterhin gültig. Bitte versuche es später noch einmal oder gib der Person Bescheid, die dich eingeladen hat.
error-internal-title = Etwas ist schiefgelaufen
error-internal-text = Deine Einladung ist weiterhin gültig. Bitte versuche es später noch einmal.
error-ratelimit-title = Zu viele Anfragen
error-ratelimit-text = Bitte warte eine Minute und versuche es dann noch einmal.
error-badrequest-title = Diese Anfrage konnte nicht verstanden werden
error-badrequest-text = Bitte geh zurück und versuche es noch einmal.
error-forbidden-title = Dieses Formular wurde von einer anderen Website gesendet
error-forbidden-text = Zu deiner Sicherheit wurde es nicht angenommen. Öffne den Einladungslink noch einmal und nutze das Formular dort.
index-title = Einladungen zu { $domain }
index-text = Dieser Dienst erstellt Konten bei { $domain } für alle, die einen Einladungslink haben. Wenn du einen hast, öffne ihn.
accept-title = Hast du einen Einladungscode?
accept-code = Einladungslink oder -code
accept-code-hint = Füge den Link, den Code oder die xmpp:-Adresse ein, die du bekommen hast.
accept-submit = Einladung öffnen
accept-empty = Füge zuerst einen Einladungslink oder -code ein.
accept-garbage = Das ist kein Einladungslink oder -code. Prüfe, ob du alles kopiert hast.

## Message to the inviter (XMPP)
notify-accepted = { $jid } hat deine Einladung angenommen.
notify-reset = { $jid } hat über deinen Link zum Zurücksetzen ein neues Passwort festgelegt.
notify-reset-unknown = { $jid } hat deinen Link zum Zurücksetzen benutzt, aber der Server hat das neue Passwort nicht bestätigt. Falls die Anmeldung nicht klappt, schick einen neuen Link.

## Confirmation by a user of this server
confirm-sent-title = Schau in deine Nachrichten
confirm-sent-text = Wir haben eine Nachricht mit einem Link an { $address } geschickt. Öffne ihn, während du mit diesem Konto angemeldet bist, um dich mit { $inviter } als Kontakt zu verbinden.
confirm-title = Mit { $inviter } als Kontakt verbinden?
confirm-text = { $inviter } hat { $address } zum Chatten eingeladen. Bestätige, und ihr habt euch gegenseitig in den Kontakten.
confirm-button = Bestätigen
confirm-done-title = Du und { $inviter } seid jetzt Kontakte
confirm-done-text = Öffne deine App: { $inviter } ist in deinen Kontakten.
confirm-request = { $inviter } hat dich zum Chatten eingeladen. Zum Annehmen und um Kontakte zu werden, öffne: { $url }
error-toolarge-title = Dieses Formular ist zu groß
error-toolarge-text = Deine Eingabe ist länger als jede gültige Antwort. Bitte geh zurück und kürze sie.
error-timeout-title = Das Formular kam zu langsam an
error-timeout-text = Die Verbindung war zu langsam. Bitte geh zurück und sende das Formular noch einmal ab.

## Invitation email
email-subject = { $inviter } lädt dich zum Chatten auf { $domain } ein
email-intro = { $inviter } möchte mit dir auf { $domain } chatten und lädt dich dazu ein.
email-message-intro = Persönliche Nachricht:
email-link-intro = Um die Einladung anzunehmen, öffne diesen Link und folge den Schritten:
email-button = Einladung annehmen
email-expiry = Der Link funktioniert bis { $expires } (UTC). Er ist nur für dich gedacht: Leite diese E-Mail bitte nicht weiter.
email-about = Was ist das? { $domain } ist ein Chatdienst auf Basis von XMPP, einem offenen Standard für Messaging: Wie bei E-Mail können Menschen bei verschiedenen Diensten miteinander schreiben, jeweils mit der App ihrer Wahl. Die Seite hinter dem Link hilft dir, eine App auszusuchen und dein Konto zu erstellen – oder deine bestehende Adresse zu nutzen.
email-copy = Dies ist eine Kopie der Einladung, die du verschickt hast.
email-footer = Du bekommst diese E-Mail, weil { $inviter } deine Adresse eingegeben hat. Wenn du die Person nicht kennst, kannst du diese E-Mail ignorieren.
