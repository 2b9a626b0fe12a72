# What the component says over XMPP: command names (disco#items), form
# titles, instructions, field and option labels, notes and error texts.
# Node names and form field names (vars) are machine names and stay as
# they are; only what a person reads is here. The notification texts
# (notify-*, confirm-request) are in main.ftl.
# Polish: the reader is addressed as "ty"; as in main.ftl, sentences avoid
# the gendered past tense (present, future, passive or impersonal instead).

## Command names, as listed by a client

cmd-invite = Zaproś kogoś
cmd-create-account = Załóż konto
cmd-group = Utwórz zaproszenie do grupy
cmd-list = Moje zaproszenia
cmd-reset = Zaproszenie do zmiany hasła
cmd-list-identity = Polecenia

## Durations offered in the lifetime lists

lifetime-1h = 1 godzina
lifetime-1d = 1 dzień
lifetime-7d = 1 tydzień
lifetime-30d = 30 dni

## The XEP-0401 result form and the invite commands

field-uri = URI zaproszenia
field-landing-url = Link do strony zaproszenia
field-expire = Ważne do (UTC)
field-email = Wyślij zaproszenie e-mailem na adres (opcjonalnie)
field-message =
    Osobista wiadomość w e-mailu (opcjonalnie, najwyżej { $max } { $max ->
        [one] znak
        [few] znaki
        [many] znaków
       *[other] znaku
    })
field-copy-to = Wyślij mi kopię na ten adres e-mail (opcjonalnie, nie jest zapisywany)
field-username = Nazwa użytkownika (opcjonalnie; zarezerwowana dla tego zaproszenia)
field-roster-subscription = Dodaj nowe konto i mnie nawzajem do kontaktów
field-lifetime = Ważne przez
field-uses-account = Ile kont można założyć (od 1 do { $max }; 1, jeśli podano nazwę użytkownika)
field-note = Notatka dla administratorów (niewidoczna dla zaproszonej osoby)

form-invite-created = Utworzono zaproszenie
form-invite-created-instructions = Wyślij link samodzielnie albo podaj adres e-mail, a wyślemy go za ciebie.
form-create-account = Utwórz zaproszenie do założenia konta
form-create-account-instructions = Zostaw pustą nazwę użytkownika, a zaproszona osoba wybierze ją sama.

note-invite-created = Utworzono zaproszenie. Wyślij ten link osobie, którą zapraszasz: { $url } (ważny do { $expires })
note-email-queued = E-mail z zaproszeniem jest już w drodze; czy dotarł, sprawdzisz w poleceniu Moje zaproszenia.

## The group-invite command

field-group = Nazwa grupy (grupa kontaktów, do której trafi każdy, kto dołączy)
field-uses-group = Ile osób może dołączyć (od 1 do { $max })
field-lifetime-free = Ważne przez (np. 1d, 7d)
form-group = Utwórz zaproszenie do grupy
form-group-instructions = Każda osoba, która dołączy z tym zaproszeniem, stanie się kontaktem twoim i wszystkich osób, które dołączyły wcześniej.
note-group-created = Utworzono zaproszenie do grupy { $group }. Udostępnij ten link osobom, które mają dołączyć: { $url } (ważny do { $expires })

## My invites (#list)

field-creator = Utworzone przez (puste: ktokolwiek)
field-kind = Rodzaj
field-invites = Zaproszenia
field-action = Działanie
option-kind-any = dowolny
option-kind-account = konto
option-kind-contact = kontakt
option-kind-account-and-contact = konto i kontakt
option-kind-reset = zmiana hasła
option-revoke = Unieważnij
option-resend = Wyślij e-mail ponownie (z nowym linkiem)
form-filter = Zaproszenia
form-filter-instructions = Które aktywne zaproszenia wyświetlić.
form-list-admin = Aktywne zaproszenia
form-list = Moje zaproszenia
form-list-instructions =
    { $count ->
        [one] Jedno aktywne zaproszenie. Zaznacz te, które chcesz unieważnić, i przejdź dalej, aby potwierdzić.
        [few] { $count } aktywne zaproszenia. Zaznacz te, które chcesz unieważnić, i przejdź dalej, aby potwierdzić.
        [many] { $count } aktywnych zaproszeń. Zaznacz te, które chcesz unieważnić, i przejdź dalej, aby potwierdzić.
       *[other] { $count } aktywnego zaproszenia. Zaznacz te, które chcesz unieważnić, i przejdź dalej, aby potwierdzić.
    }
form-revoke = Unieważnij zaproszenia
form-revoke-instructions =
    { $count ->
        [one] Unieważnić to zaproszenie? Jego link od razu przestanie działać.
        [few] Unieważnić te { $count } zaproszenia? Ich linki od razu przestaną działać.
        [many] Unieważnić tych { $count } zaproszeń? Ich linki od razu przestaną działać.
       *[other] Unieważnić { $count } zaproszenia? Ich linki od razu przestaną działać.
    }
form-resend = Wyślij zaproszenia ponownie
form-resend-instructions =
    { $count ->
        [one] Wysłać to zaproszenie ponownie e-mailem? Dostanie nowy link, a stary przestanie działać.
        [few] Wysłać te { $count } zaproszenia ponownie e-mailem? Każde dostanie nowy link, a stary przestanie działać.
        [many] Wysłać tych { $count } zaproszeń ponownie e-mailem? Każde dostanie nowy link, a stary przestanie działać.
       *[other] Wysłać { $count } zaproszenia ponownie e-mailem? Każde dostanie nowy link, a stary przestanie działać.
    }
note-no-invites = Brak aktywnych zaproszeń.
note-select-one = Zaznacz co najmniej jedno zaproszenie.
note-not-listed = „{ $value }” nie ma na liście zaproszeń.
note-resending = Ponowne wysyłanie: { $ids }.
note-revoked =
    { $count ->
        [one] Unieważniono jedno zaproszenie: { $ids }.
        [few] Unieważniono { $count } zaproszenia: { $ids }.
        [many] Unieważniono { $count } zaproszeń: { $ids }.
       *[other] Unieważniono { $count } zaproszenia: { $ids }.
    }
note-email-off = Wysyłanie e-maili nie jest skonfigurowane w tej usłudze.
note-invite-error = { $id }: { $error }

# One line per invite in the list. $kind is one of the option-kind-* words.
summary-invite = #{ $id } ({ $kind }), utworzone { $created }, wygasa { $expires }, pozostało użyć: { $left } z { $max }
summary-by = , utworzone przez { $jid }
summary-for = , dla { $username }
summary-note = , notatka: { $note }
summary-joined = , użyte przez: { $jids }
summary-emailed = , wysłane e-mailem na { $address } (liczba wysyłek: { $sends }): { $status }
summary-email-sending = w trakcie wysyłania
summary-email-retrying = jeszcze niedostarczone ({ $error })
summary-email-sent = wysłane { $at }
summary-email-failed = BŁĄD: { $error }

## Password reset invite (#reset)

field-account = Konto (nazwa użytkownika lub adres)
field-note-admins = Notatka dla administratorów
form-reset = Zaproszenie do zmiany hasła
form-reset-instructions = Jednorazowy link do strony, na której można ustawić nowe hasło do konta.
note-reset-created = Zaproszenie do zmiany hasła dla { $username }. Wyślij ten link osobie, do której należy konto: { $url } (ważny do { $expires })
error-reset-account-missing = Podaj konto, którego hasło ma zostać zmienione.
error-reset-not-ours = „{ $account }” nie jest kontem na { $domain }
error-reset-no-account = Nie ma konta { $jid }.

## Problems with what was submitted

error-not-boolean = { $field }: „{ $value }” to ani tak, ani nie
error-not-number = { $field }: „{ $value }” nie jest liczbą całkowitą
error-not-duration = { $field }: „{ $value }” nie jest okresem czasu (np. 1h, 1d lub 7d)
error-not-jid = { $field }: „{ $value }” nie jest adresem w rodzaju nazwa@example.org
error-unknown-value = { $field }: „{ $value }” nie jest żadną z dostępnych opcji
error-group-required = group: nazwa grupy jest wymagana
error-group-empty = Nazwa grupy jest pusta.
error-group-long =
    Nazwa grupy jest dłuższa niż { $max } { $max ->
        [one] znak
        [few] znaki
        [many] znaków
       *[other] znaku
    }.
error-group-control = Nazwa grupy zawiera znaki sterujące.
error-mint-username =
    „{ $username }” nie może być nazwą użytkownika: podaj tylko część przed @, bez spacji i znaków sterujących, najwyżej { $max } { $max ->
        [one] znak
        [few] znaki
        [many] znaków
       *[other] znaku
    }.
error-mint-username-reserved = Nazwa użytkownika „{ $username }” jest już zarezerwowana przez inne zaproszenie.
error-mint-username-notallowed = Nazwa użytkownika „{ $username }” jest zarezerwowana na potrzeby samego serwera i administratorów.
error-mint-lifetime = Okres ważności musi wynosić od jednej minuty do { $max }.
error-mint-uses = Liczba użyć musi wynosić od 1 do { $max }.
error-mint-uses-username = Zaproszenie zarezerwowane dla nazwy użytkownika zakłada jedno konto: ustaw liczbę użyć na 1 albo zostaw nazwę użytkownika pustą.
error-mint-note =
    Notatka jest dłuższa niż { $max } { $max ->
        [one] znak
        [few] znaki
        [many] znaków
       *[other] znaku
    }.
error-quota-live =
    { $limit ->
        [one] Masz już { $limit } aktywne zaproszenie – tyle, ile wolno; miejsce zwolni się, gdy zostanie ono użyte, gdy je unieważnisz (Moje zaproszenia) albo { $frees }, gdy wygaśnie.
        [few] Masz już { $limit } aktywne zaproszenia – tyle, ile wolno; miejsce zwolni się, gdy któreś zostanie użyte, gdy któreś unieważnisz (Moje zaproszenia) albo { $frees }, gdy wygaśnie pierwsze z nich.
        [many] Masz już { $limit } aktywnych zaproszeń – tyle, ile wolno; miejsce zwolni się, gdy któreś zostanie użyte, gdy któreś unieważnisz (Moje zaproszenia) albo { $frees }, gdy wygaśnie pierwsze z nich.
       *[other] Masz już { $limit } aktywnego zaproszenia – tyle, ile wolno; miejsce zwolni się, gdy któreś zostanie użyte, gdy któreś unieważnisz (Moje zaproszenia) albo { $frees }, gdy wygaśnie pierwsze z nich.
    }
error-quota-daily =
    { $limit ->
        [one] Masz już { $limit } zaproszenie utworzone w ciągu ostatnich 24 godzin – tyle, ile wolno; następne możesz utworzyć { $frees }.
        [few] Masz już { $limit } zaproszenia utworzone w ciągu ostatnich 24 godzin – tyle, ile wolno; następne możesz utworzyć { $frees }.
        [many] Masz już { $limit } zaproszeń utworzonych w ciągu ostatnich 24 godzin – tyle, ile wolno; następne możesz utworzyć { $frees }.
       *[other] Masz już { $limit } zaproszenia utworzonego w ciągu ostatnich 24 godzin – tyle, ile wolno; następne możesz utworzyć { $frees }.
    }
error-email-address = Ten adres e-mail wygląda na nieprawidłowy.
error-email-copy = Adres do wysłania kopii wygląda na nieprawidłowy.
error-email-long =
    Wiadomość jest dłuższa niż { $max } { $max ->
        [one] znak
        [few] znaki
        [many] znaków
       *[other] znaku
    }.
error-email-control = Wiadomość zawiera znaki sterujące.
error-email-limit-inviter =
    { $count ->
        [one] Z twojego konta wysłano dziś już { $count } e-mail z zaproszeniem – tyle, ile wolno; spróbuj ponownie później.
        [few] Z twojego konta wysłano dziś już { $count } e-maile z zaproszeniami – tyle, ile wolno; spróbuj ponownie później.
        [many] Z twojego konta wysłano dziś już { $count } e-maili z zaproszeniami – tyle, ile wolno; spróbuj ponownie później.
       *[other] Z twojego konta wysłano dziś już { $count } e-maila z zaproszeniami – tyle, ile wolno; spróbuj ponownie później.
    }
error-email-limit-recipient =
    { $count ->
        [one] Na ten adres wysłano dziś już { $count } e-mail z zaproszeniem – tyle, ile wolno; spróbuj ponownie później.
        [few] Na ten adres wysłano dziś już { $count } e-maile z zaproszeniami – tyle, ile wolno; spróbuj ponownie później.
        [many] Na ten adres wysłano dziś już { $count } e-maili z zaproszeniami – tyle, ile wolno; spróbuj ponownie później.
       *[other] Na ten adres wysłano dziś już { $count } e-maila z zaproszeniami – tyle, ile wolno; spróbuj ponownie później.
    }
error-email-limit-resends =
    { $count ->
        [one] To zaproszenie wysłano ponownie już { $count } raz – tyle, ile wolno.
       *[other] To zaproszenie wysłano ponownie już { $count } razy – tyle, ile wolno.
    }
error-email-not-emailed = To zaproszenie nie zostało wysłane e-mailem.
error-email-already = To zaproszenie zostało już wysłane e-mailem: aby wysłać je ponownie, użyj polecenia Moje zaproszenia.
error-email-not-live = To zaproszenie nie jest już aktywne.
error-invite-not-found = Wśród zaproszeń, którymi możesz zarządzać, nie ma zaproszenia { $id }.

## Refusals

error-denied-not-local = Zaproszenia może tu tworzyć tylko ktoś z kontem na { $domain }.
error-denied-not-admin = Zaproszenia do założenia konta mogą tworzyć tylko administratorzy { $domain }.
error-denied-contact-off = Zaproszenia do kontaktów są wyłączone na { $domain }; skontaktuj się z administracją.
error-denied-group = Zaproszenia do grupy mogą tworzyć tylko administratorzy { $domain }.
error-denied-reset = Zaproszenia do zmiany hasła mogą tworzyć tylko administratorzy { $domain }.
error-manage-not-local = Zarządzać zaproszeniami może tu tylko ktoś z kontem na { $domain }.

## Protocol errors (stanza error texts)

error-command-unavailable = To polecenie jest niedostępne.
error-no-such-command = Nie ma takiego polecenia.
error-no-such-node = Nie ma takiego węzła.
error-bad-action = Ta czynność jest niedozwolona na tym etapie.
error-malformed-action = Nieznana czynność.
error-bad-session = Nieznana sesja.
error-session-expired = Ta sesja polecenia wygasła; zacznij od nowa.
error-needs-form = Ten etap wymaga wysłania formularza.
error-unexpected-stage = Nieoczekiwany etap.
error-too-many-sessions = Za dużo otwartych sesji poleceń; najpierw zakończ lub anuluj którąś z nich.
error-internal = W usłudze zaproszeń wystąpił błąd wewnętrzny; spróbuj ponownie później.
error-invite-token = invite-token: brak, nieprawidłowy format albo to nie twoje zaproszenie
note-not-emailed = Nie wysłano e-maila: { $error } Wyślij link samodzielnie.
