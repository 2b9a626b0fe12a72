# What the component says over XMPP, Ukrainian: command names (disco#items),
# form titles, instructions, field and option labels, notes and error texts.
# Node names and form field names (vars) are machine names and stay as
# they are; only what a person reads is here. The notification texts
# (notify-*, confirm-request) are in main.ftl.
# Register and terms as in main.ftl: "ви" (lowercase), "запрошення",
# "обліковий запис", "контакти", "застосунок". Plurals use the CLDR
# categories one / few / many / other; "other" repeats the "many" form, as
# in main.ftl. "one" also covers 21, 31…, so no variant says "this one".
# Where a count would force a gendered verb or noun, the sentence is
# rephrased (impersonal forms, "людина").

## Command names, as listed by a client

cmd-invite = Запросити користувача
cmd-create-account = Створити обліковий запис
cmd-group = Запрошення до групи
cmd-list = Мої запрошення
cmd-reset = Запрошення для скидання пароля
cmd-list-identity = Команди

## Durations offered in the lifetime lists

lifetime-1h = 1 година
lifetime-1d = 1 день
lifetime-7d = 1 тиждень
lifetime-30d = 30 днів

## The XEP-0401 result form and the invite commands

field-uri = URI запрошення
field-landing-url = Вебпосилання на запрошення
field-expire = Дійсне до (UTC)
field-email = Надіслати запрошення на ел. пошту (необов’язково)
field-message = Особисте повідомлення в листі (необов’язково, щонайбільше { $max } { $max ->
        [one] символ
        [few] символи
        [many] символів
       *[other] символів
    })
field-copy-to = Надіслати мені копію на цю ел. адресу (необов’язково, не зберігається)
field-username = Ім’я користувача (необов’язково; закріплюється за цим запрошенням)
field-roster-subscription = Додати новий обліковий запис і мене до контактів одне одного
field-lifetime = Термін дії
field-uses-account = Скільки облікових записів можна створити (від 1 до { $max }; 1, якщо вказано ім’я користувача)
field-note = Примітка для адміністраторів (запрошена людина її не побачить)

form-invite-created = Запрошення створено
form-invite-created-instructions = Надішліть посилання самі або вкажіть адресу ел. пошти — і ми надішлемо його за вас.
form-create-account = Запрошення на створення облікового запису
form-create-account-instructions = Залиште ім’я користувача порожнім, щоб запрошена людина вибрала його сама.

note-invite-created = Запрошення створено. Надішліть це посилання людині, яку запрошуєте: { $url } (дійсне до { $expires })
note-email-queued = Лист із запрошенням уже надсилається; чи його доставлено, видно в команді «Мої запрошення».

## The group-invite command

field-group = Назва групи (група контактів, до якої потрапить кожен, хто приєднається)
field-uses-group = Скільки людей може приєднатися (від 1 до { $max })
field-lifetime-free = Термін дії (наприклад, 1d, 7d)
form-group = Запрошення до групи
form-group-instructions = Кожен, хто приєднається за цим запрошенням, стане контактом — вашим і всіх, хто приєднався раніше.
note-group-created = Запрошення до групи «{ $group }» створено. Поділіться цим посиланням з тими, хто приєднається: { $url } (дійсне до { $expires })

## My invites (#list)

field-creator = Від кого (порожньо — від будь-кого)
field-kind = Тип
field-invites = Запрошення
field-action = Дія
option-kind-any = будь-який
option-kind-account = обліковий запис
option-kind-contact = контакт
option-kind-account-and-contact = обліковий запис і контакт
option-kind-reset = скидання пароля
option-revoke = Відкликати
option-resend = Надіслати лист ще раз (з новим посиланням)
form-filter = Запрошення
form-filter-instructions = Які активні запрошення показати.
form-list-admin = Активні запрошення
form-list = Мої запрошення
form-list-instructions =
    { $count ->
        [one] { $count } активне запрошення. Виберіть ті, які треба відкликати, і перейдіть далі, щоб підтвердити.
        [few] { $count } активні запрошення. Виберіть ті, які треба відкликати, і перейдіть далі, щоб підтвердити.
        [many] { $count } активних запрошень. Виберіть ті, які треба відкликати, і перейдіть далі, щоб підтвердити.
       *[other] { $count } активних запрошень. Виберіть ті, які треба відкликати, і перейдіть далі, щоб підтвердити.
    }
form-revoke = Відкликати запрошення
form-revoke-instructions =
    { $count ->
        [one] Відкликати { $count } запрошення? Посилання відкликаного запрошення одразу перестає працювати.
        [few] Відкликати { $count } запрошення? Посилання відкликаного запрошення одразу перестає працювати.
        [many] Відкликати { $count } запрошень? Посилання відкликаного запрошення одразу перестає працювати.
       *[other] Відкликати { $count } запрошень? Посилання відкликаного запрошення одразу перестає працювати.
    }
form-resend = Надіслати запрошення ще раз
form-resend-instructions =
    { $count ->
        [one] Надіслати { $count } запрошення листом ще раз? Повторно надіслане запрошення отримує нове посилання, а старе перестає працювати.
        [few] Надіслати { $count } запрошення листом ще раз? Повторно надіслане запрошення отримує нове посилання, а старе перестає працювати.
        [many] Надіслати { $count } запрошень листом ще раз? Повторно надіслане запрошення отримує нове посилання, а старе перестає працювати.
       *[other] Надіслати { $count } запрошень листом ще раз? Повторно надіслане запрошення отримує нове посилання, а старе перестає працювати.
    }
note-no-invites = Активних запрошень немає.
note-select-one = Виберіть принаймні одне запрошення.
note-not-listed = «{ $value }» немає серед наведених запрошень.
note-resending = Повторне надсилання: { $ids }.
note-revoked =
    { $count ->
        [one] Відкликано { $count } запрошення: { $ids }.
        [few] Відкликано { $count } запрошення: { $ids }.
        [many] Відкликано { $count } запрошень: { $ids }.
       *[other] Відкликано { $count } запрошень: { $ids }.
    }
note-email-off = На цьому сервісі електронну пошту не налаштовано.
note-invite-error = { $id }: { $error }

# One line per invite in the list. $kind is one of the option-kind-* words.
# "використань: 3 з 5" needs no plural form of its own.
summary-invite = #{ $id } ({ $kind }), створено { $created }, дійсне до { $expires }, залишилося використань: { $left } з { $max }
summary-by = , від { $jid }
summary-for = , для { $username }
summary-note = , примітка: { $note }
summary-joined = , приєдналися: { $jids }
summary-emailed = , надіслано листом на { $address } (надсилань: { $sends }): { $status }
summary-email-sending = надсилається
summary-email-retrying = ще не доставлено ({ $error })
summary-email-sent = надіслано { $at }
summary-email-failed = НЕ ВДАЛОСЯ: { $error }

## Password reset invite (#reset)

field-account = Обліковий запис (ім’я користувача або адреса)
field-note-admins = Примітка для адміністраторів
form-reset = Запрошення для скидання пароля
form-reset-instructions = Одноразове посилання на сторінку, де можна встановити новий пароль до облікового запису.
note-reset-created = Створено запрошення для скидання пароля облікового запису { $username }. Надішліть це посилання людині, якій він належить: { $url } (дійсне до { $expires })
error-reset-account-missing = Вкажіть обліковий запис, пароль якого треба скинути.
error-reset-not-ours = «{ $account }» — не обліковий запис на { $domain }
error-reset-no-account = Облікового запису { $jid } не існує.

## Problems with what was submitted

error-not-boolean = { $field }: «{ $value }» — не «так» і не «ні»
error-not-number = { $field }: «{ $value }» — не ціле число
error-not-duration = { $field }: «{ $value }» — не тривалість (вкажіть, наприклад, 1h, 1d або 7d)
error-not-jid = { $field }: «{ $value }» — не адреса на кшталт name@example.org
error-unknown-value = { $field }: «{ $value }» немає серед варіантів
error-group-required = group: потрібно вказати назву групи
error-group-empty = Назва групи порожня.
error-group-long = Назва групи довша за { $max } { $max ->
        [one] символ
        [few] символи
        [many] символів
       *[other] символів
    }.
error-group-control = Назва групи містить керівні символи.
error-mint-username = «{ $username }» не може бути іменем користувача: вкажіть лише частину до @, без пробілів і керівних символів, щонайбільше { $max } { $max ->
        [one] символ
        [few] символи
        [many] символів
       *[other] символів
    }.
error-mint-username-reserved = Ім’я користувача «{ $username }» уже закріплене за іншим запрошенням.
error-mint-username-notallowed = Ім’я користувача «{ $username }» зарезервоване для службових ролей і адміністраторів сервера.
error-mint-lifetime = Термін дії має бути від однієї хвилини до { $max }.
error-mint-uses = Кількість використань має бути від 1 до { $max }.
error-mint-uses-username = Запрошення із закріпленим ім’ям користувача створює лише один обліковий запис: укажіть кількість використань 1 або залиште ім’я користувача порожнім.
error-mint-note = Примітка довша за { $max } { $max ->
        [one] символ
        [few] символи
        [many] символів
       *[other] символів
    }.
error-quota-live = У вас уже { $limit } { $limit ->
        [one] активне запрошення
        [few] активні запрошення
        [many] активних запрошень
       *[other] активних запрошень
    } — це найбільша дозволена кількість; місце звільниться, коли запрошення використають, коли ви його відкличете («Мої запрошення») або коли { $frees } спливе термін дії першого з них.
error-quota-daily = За останні 24 години ви створили { $limit } { $limit ->
        [one] запрошення
        [few] запрошення
        [many] запрошень
       *[other] запрошень
    } — це найбільша дозволена кількість; наступне можна буде створити { $frees }.
error-email-address = Схоже, ця адреса ел. пошти неправильна.
error-email-copy = Схоже, адреса для вашої копії неправильна.
error-email-long = Повідомлення довше за { $max } { $max ->
        [one] символ
        [few] символи
        [many] символів
       *[other] символів
    }.
error-email-control = Повідомлення містить керівні символи.
error-email-limit-inviter = Сьогодні ви вже надіслали { $count } { $count ->
        [one] лист-запрошення
        [few] листи-запрошення
        [many] листів-запрошень
       *[other] листів-запрошень
    } — це найбільша дозволена кількість; спробуйте пізніше.
error-email-limit-recipient = На цю адресу сьогодні вже надіслано { $count } { $count ->
        [one] лист-запрошення
        [few] листи-запрошення
        [many] листів-запрошень
       *[other] листів-запрошень
    } — це найбільша дозволена кількість; спробуйте пізніше.
error-email-limit-resends = Це запрошення вже надсилали повторно { $count } { $count ->
        [one] раз
        [few] рази
        [many] разів
       *[other] разів
    } — це найбільша дозволена кількість.
error-email-not-emailed = Це запрошення не надсилали електронною поштою.
error-email-already = Це запрошення вже надіслано електронною поштою: надішліть його ще раз у команді «Мої запрошення».
error-email-not-live = Це запрошення вже не активне.
error-invite-not-found = Серед запрошень, якими ви можете керувати, немає запрошення { $id }.

## Refusals

error-denied-not-local = Створювати тут запрошення можуть лише користувачі { $domain }.
error-denied-not-admin = Створювати запрошення на облікові записи можуть лише адміністратори { $domain }.
error-denied-contact-off = Запрошення в контакти на { $domain } вимкнено; зверніться до адміністраторів.
error-denied-group = Створювати запрошення до груп можуть лише адміністратори { $domain }.
error-denied-reset = Створювати запрошення для скидання пароля можуть лише адміністратори { $domain }.
error-manage-not-local = Керувати запрошеннями тут можуть лише користувачі { $domain }.

## Protocol errors (stanza error texts)

error-command-unavailable = Ця команда недоступна.
error-no-such-command = Такої команди немає.
error-no-such-node = Такого вузла немає.
error-bad-action = Ця дія на цьому етапі не дозволена.
error-malformed-action = Невідома дія.
error-bad-session = Невідомий сеанс.
error-session-expired = Сеанс цієї команди завершився; почніть спочатку.
error-needs-form = На цьому етапі потрібно надіслати форму з даними.
error-unexpected-stage = Неочікуваний етап.
error-too-many-sessions = Забагато відкритих сеансів команд; спершу завершіть або скасуйте один із них.
error-internal = Внутрішня помилка сервісу запрошень; спробуйте пізніше.
error-invite-token = invite-token: відсутній, має неправильний формат або не належить до ваших запрошень
note-not-emailed = Лист не надіслано: { $error } Надішліть посилання самі.
