# Landing pages of xmpp-invites. Every string a visitor sees is here.
# Placeables are not isolated (the loader turns isolation marks off) because
# several of them are addresses and URLs.
# Polish: the reader is addressed as "ty". Polish past tense carries gender and
# we know neither the reader's nor the inviter's, so sentences use the present,
# the future or the passive instead.

site-name = Zaproszenia do { $domain }
lang-name = Polski
# The name of the list of links to the page in other languages.
lang-switcher-label = Język

## Dates: $year, $day (numbers), $month (the name below), $monthnum (1–12),
## $hour and $minute (two digits, 24-hour clock, UTC)
datetime = { $day } { $month } { $year }, { $hour }:{ $minute }
month-1 = stycznia
month-2 = lutego
month-3 = marca
month-4 = kwietnia
month-5 = maja
month-6 = czerwca
month-7 = lipca
month-8 = sierpnia
month-9 = września
month-10 = października
month-11 = listopada
month-12 = grudnia

## Landing page
invite-title-account = Masz zaproszenie do { $domain }
invite-title-account-by = { $inviter } zaprasza cię do { $domain }
invite-title-contact = { $inviter } zaprasza cię do rozmowy
invite-lead-account = { $domain } to usługa czatu oparta na XMPP, otwartym standardzie komunikatorów. Możesz rozmawiać z każdym, kto korzysta z dowolnej usługi XMPP, tak jak w przypadku e-maila.
invite-lead-contact = Rozmawiaj z { $inviter } w dowolnej aplikacji XMPP. XMPP to otwarty standard komunikatorów.
invite-expires = To zaproszenie jest ważne do { $date } (UTC).
invite-step-app = 1. Pobierz aplikację
invite-step-app-platform = Polecane na twoje urządzenie
invite-step-app-other = Inne urządzenia
invite-step-open = 2. Otwórz zaproszenie w aplikacji
invite-open-button = Otwórz zaproszenie w aplikacji
invite-open-note = Aplikacje oznaczone jako „obsługuje zaproszenia” same skonfigurują wszystko na podstawie tego linku. Jeśli używasz innej aplikacji, załóż konto w przeglądarce poniżej, a potem się zaloguj.
invite-open-note-manual = Twoja aplikacja poprosi { $inviter } o dodanie cię do kontaktów.
invite-step-register = 2. Załóż konto
invite-register-heading = Załóż konto w przeglądarce
invite-register-text = Wybierz tutaj adres na { $domain }, a potem zaloguj się nim w dowolnej aplikacji.
invite-register-button = Załóż konto
invite-existing-heading = Mam już adres XMPP
invite-existing-text = Otwórz powyższy link w aplikacji i dodaj { $inviter } albo podaj nam swój adres – wtedy { $inviter } od razu cię zaakceptuje.
invite-existing-button = Użyj istniejącego adresu
invite-qr-heading = Na innym urządzeniu?
invite-qr-text = Zeskanuj ten kod aparatem w telefonie, żeby otworzyć tam tę stronę.
invite-qr-label = Kod QR z adresem tej strony
app-ready = obsługuje zaproszenia
app-get = Pobierz { $name } z { $store }
platform-android = Android
platform-ios = iPhone i iPad
platform-windows = Windows
platform-macos = macOS
platform-linux = Linux
platform-web = Przeglądarka

## App descriptions (client-ID)
client-conversations = Łatwe i bezpieczne wiadomości na Androidzie; obsługuje linki z zaproszeniami.
client-snikket = Proste, prywatne wiadomości na Androidzie; obsługuje linki z zaproszeniami.
client-monal = Aplikacja XMPP na iPhone’a, iPada i Maca; obsługuje linki z zaproszeniami.
client-siskin = Lekka aplikacja XMPP na iPhone’a i iPada.
client-gajim = Rozbudowana aplikacja XMPP na Windowsa i Linuksa.
client-dino = Nowoczesna aplikacja XMPP na komputery z Linuksem.
client-beagle = Aplikacja XMPP na Maca.
client-movim = XMPP w przeglądarce, bez instalacji.

## Registration
register-title = Załóż konto na { $domain }
register-fixed = To zaproszenie jest dla adresu { $jid }.
register-username = Nazwa użytkownika
register-username-hint = Litery, cyfry oraz . _ - są bezpieczne. Twój adres będzie wyglądał tak: nazwa@{ $domain }.
register-password = Hasło
register-password-hint =
    Co najmniej { $min } { $min ->
        [one] znak
        [few] znaki
        [many] znaków
       *[other] znaku
    }.
register-confirm = Powtórz hasło
register-submit = Załóż konto
register-done-title = Witaj, { $jid }!
register-done-text = Twoje konto jest gotowe. Zainstaluj aplikację i zaloguj się, podając swój adres i nowe hasło.
register-done-contact = { $inviter } jest już w twoich kontaktach.
register-done-address = Twój adres

## Existing address
existing-title = Porozmawiaj z { $inviter }
existing-text = Wpisz swój adres XMPP – { $inviter } od razu cię zaakceptuje.
existing-address = Twój adres XMPP
existing-address-hint = Na przykład: nazwa@example.org
existing-submit = Dalej
accepted-title = Prawie gotowe
accepted-text = { $inviter } zaakceptuje cię automatycznie. Teraz dodaj { $inviter } do kontaktów w aplikacji:
accepted-button = Dodaj { $inviter } w aplikacji
group-joined-title = Jesteś teraz w grupie { $group }
group-joined-text = Wszyscy w grupie { $group } mają cię już w kontaktach. Dodaj każdą z tych osób w aplikacji, a będziecie się nawzajem widzieć:
group-add-button = Dodaj { $member } w aplikacji
group-joined-manual = Jeśli przycisk nic nie robi, dodaj tę osobę do kontaktów ręcznie, w grupie o nazwie { $group }.
group-landing-note = To zaproszenie do grupy { $group }: każdy, kto dołączy, stanie się kontaktem wszystkich pozostałych osób w grupie.
accepted-manual = Jeśli przycisk nic nie robi, dodaj { $inviter } do kontaktów ręcznie w aplikacji.

## Field errors
error-summary = Popraw zaznaczone pola poniżej.
error-username-empty = Wybierz nazwę użytkownika.
error-username-invalid = Ta nazwa użytkownika zawiera znaki niedozwolone w adresie XMPP albo jest za długa.
error-username-fixed = To zaproszenie pozwala założyć tylko konto { $username }.
error-username-reserved = Ta nazwa użytkownika jest zarezerwowana dla kogoś innego.
error-username-long =
    Nazwa użytkownika może mieć najwyżej { $max } { $max ->
        [one] znak
        [few] znaki
        [many] znaków
       *[other] znaku
    }.
error-username-notallowed = Ta nazwa użytkownika jest zarezerwowana na potrzeby samego serwera; wybierz inną.
error-username-taken = Ta nazwa użytkownika jest już zajęta; wybierz inną.
error-password-short =
    Hasło musi mieć co najmniej { $min } { $min ->
        [one] znak
        [few] znaki
        [many] znaków
       *[other] znaku
    }.
error-password-long =
    Hasło może mieć najwyżej { $max } { $max ->
        [one] znak
        [few] znaki
        [many] znaków
       *[other] znaku
    }.
error-password-username = Hasło nie może być takie samo jak nazwa użytkownika.
error-password-mismatch = Hasła nie są takie same.
error-password-chars = Hasło zawiera znaki, których nie można użyć (znaki sterujące lub formatujące). Wpisz je ponownie.
error-password-server = Ten serwer czatu nie może zapisać niektórych znaków tego hasła, na przykład emoji. Wybierz hasło bez nich.
error-address-invalid = To nie jest adres XMPP (nazwa@example.org).
error-address-inviter = To adres osoby, która cię zaprosiła.
error-form-expired = Ten formularz wygasł. Wyślij go ponownie.

## Password reset
reset-title = Ustaw nowe hasło dla { $jid }
reset-lead = Wybierz nowe hasło do konta { $jid }. Twoje kontakty i wiadomości pozostaną bez zmian.
reset-expires = Ten link jest ważny do { $date } (UTC) i działa tylko raz.
reset-account = Twój adres
reset-password = Nowe hasło
reset-submit = Ustaw nowe hasło
reset-done-title = Nowe hasło jest ustawione
reset-done-text = Zaloguj się do { $jid } nowym hasłem. Aplikacje, które są jeszcze zalogowane starym hasłem, poproszą o nowe.
reset-unknown-title = Nie udało się potwierdzić nowego hasła
reset-unknown-text = Serwer czatu nie odpowiedział na czas, więc nie wiemy, czy nowe hasło zostało ustawione. Spróbuj zalogować się nowym hasłem, a potem starym. Ten link został już wykorzystany: jeśli żadne z haseł nie działa, poproś o nowy.
reset-unavailable-text = Hasło nie zostało zmienione, a ten link nadal działa. Spróbuj ponownie za kilka minut.
reset-refused-title = Serwer czatu nie zmienił hasła
reset-refused-text = Hasło nie zostało zmienione, a ten link nadal działa. Spróbuj ponownie później albo daj znać osobie, która go wysłała.
reset-noaccount-title = To konto już nie istnieje
reset-noaccount-text = Nie ma konta, dla którego można by ustawić hasło. Zapytaj osobę, która wysłała ci ten link.

## Dead invites and errors
dead-notfound-title = Nie znaleziono zaproszenia
dead-notfound-text = Ten link z zaproszeniem jest nieprawidłowy. Sprawdź, czy link został skopiowany w całości, albo poproś o nowe zaproszenie.
dead-expired-title = To zaproszenie wygasło
dead-expired-text = Zaproszenia są ważne przez ograniczony czas. Poproś osobę, która cię zaprosiła, o nowe.
dead-used-title = To zaproszenie zostało już wykorzystane
dead-used-text = Każdego zaproszenia można użyć tylko ograniczoną liczbę razy. Poproś osobę, która cię zaprosiła, o nowe.
error-unavailable-title = Serwer czatu jest teraz nieosiągalny
error-unavailable-text = Konto nie zostało założone, a zaproszenie jest nadal ważne. Spróbuj ponownie za kilka minut.
register-exists-title = Twoje konto { $jid } jest gotowe
register-exists-text = Zostało założone z tego zaproszenia przed chwilą. Otwórz aplikację i zaloguj się hasłem, które wtedy podano.
error-pending-title = Trwa zakładanie konta
error-pending-text = Serwer czatu nie odpowiedział na czas, więc jeszcze nie wiemy, czy konto zostało założone. Odczekaj minutę, a potem wyślij formularz ponownie z tą samą nazwą użytkownika i tym samym hasłem.
error-confirmations-title = Za dużo wiadomości z potwierdzeniem
error-confirmations-text = Na ten adres lub do tego zaproszenia wysłano już dziś dość wiadomości z potwierdzeniem. Poszukaj wiadomości, która już dotarła, albo spróbuj ponownie jutro.
error-refused-title = Serwer czatu nie założył konta
error-refused-text = Zaproszenie jest nadal ważne. Spróbuj ponownie później albo daj znać osobie, która cię zaprosiła.
error-internal-title = Coś poszło nie tak
error-internal-text = Zaproszenie jest nadal ważne. Spróbuj ponownie później.
error-ratelimit-title = Za dużo żądań
error-ratelimit-text = Odczekaj minutę i spróbuj ponownie.
error-badrequest-title = Nie udało się zrozumieć tego żądania
error-badrequest-text = Wróć i spróbuj ponownie.
error-forbidden-title = Ten formularz wysłano z innej strony
error-forbidden-text = Dla twojego bezpieczeństwa nie został przyjęty. Otwórz ponownie link z zaproszeniem i użyj formularza na tamtej stronie.
index-title = Zaproszenia do { $domain }
index-text = Ta usługa zakłada konta na { $domain } osobom, które mają link z zaproszeniem. Jeśli masz taki link, otwórz go.
accept-title = Masz kod zaproszenia?
accept-code = Link lub kod zaproszenia
accept-code-hint = Wklej link, kod albo adres xmpp:, który ci wysłano.
accept-submit = Otwórz zaproszenie
accept-empty = Najpierw wklej link lub kod zaproszenia.
accept-garbage = To nie jest link ani kod zaproszenia. Sprawdź, czy został skopiowany w całości.

## Message to the inviter (XMPP)
notify-accepted = Twoje zaproszenie zostało przyjęte przez { $jid }.
notify-reset = Użyto twojego zaproszenia do zmiany hasła: konto { $jid } ma nowe hasło.
notify-reset-unknown = Użyto twojego zaproszenia do zmiany hasła dla konta { $jid }, ale serwer nie potwierdził nowego hasła. Jeśli nie da się zalogować, wyślij nowe zaproszenie.

## Confirmation by a user of this server
confirm-sent-title = Sprawdź wiadomości
confirm-sent-text = Wysłaliśmy wiadomość z linkiem na adres { $address }. Otwórz go w aplikacji zalogowanej na to konto, a ty i { $inviter } będziecie mieć się nawzajem w kontaktach.
confirm-title = Dodać { $inviter } do kontaktów?
confirm-text = { $inviter } zaprasza { $address } do rozmowy. Potwierdź, a będziecie mieć się nawzajem w kontaktach.
confirm-button = Potwierdź
confirm-done-title = Ty i { $inviter } macie się teraz nawzajem w kontaktach
confirm-done-text = Otwórz aplikację: { $inviter } jest w twoich kontaktach.
confirm-request = { $inviter } zaprasza cię do rozmowy. Aby przyjąć zaproszenie i dodać się nawzajem do kontaktów, otwórz: { $url }
error-toolarge-title = Ten formularz jest za duży
error-toolarge-text = Przesłane dane są dłuższe niż jakakolwiek poprawna odpowiedź. Wróć i je skróć.
error-timeout-title = Przesyłanie formularza trwało zbyt długo
error-timeout-text = Połączenie było zbyt wolne. Wróć i wyślij formularz ponownie.

## Invitation email
email-subject = { $inviter } zaprasza cię do rozmowy na { $domain }
email-intro = { $inviter } zaprasza cię do rozmowy na { $domain }.
email-message-intro = Dołączona wiadomość:
email-link-intro = Aby przyjąć zaproszenie, otwórz ten link i wykonaj kolejne kroki:
email-button = Przyjmij zaproszenie
email-expiry = Link działa do { $expires } (UTC). Jest przeznaczony tylko dla ciebie: nie przekazuj dalej tego e-maila.
email-about = Co to jest? { $domain } to usługa czatu oparta na XMPP, otwartym standardzie komunikacji: tak jak w przypadku e-maila, osoby korzystające z różnych usług mogą ze sobą rozmawiać, każda w wybranej przez siebie aplikacji. Strona pod linkiem pomoże ci wybrać aplikację i założyć konto albo użyć adresu, który już masz.
email-copy = To jest kopia wysłanego przez ciebie zaproszenia.
email-footer = Otrzymujesz tę wiadomość, ponieważ twój adres został podany przez { $inviter }. Jeśli nie znasz tej osoby, możesz zignorować ten e-mail.
