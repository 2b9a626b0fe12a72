# What the component says over XMPP: command names (disco#items), form
# titles, instructions, field and option labels, notes and error texts.
# Node names and form field names (vars) are machine names and stay as
# they are; only what a person reads is here. The notification texts
# (notify-*, confirm-request) are in main.ftl.
# Russian: the reader is addressed as "вы" (lower case), as in main.ftl;
# sentences avoid the gendered singular past tense.

## Command names, as listed by a client

cmd-invite = Пригласить пользователя
cmd-create-account = Создать аккаунт
cmd-group = Приглашение в группу
cmd-list = Мои приглашения
cmd-reset = Приглашение на сброс пароля
cmd-list-identity = Команды

## Durations offered in the lifetime lists

lifetime-1h = 1 час
lifetime-1d = 1 день
lifetime-7d = 1 неделя
lifetime-30d = 30 дней

## The XEP-0401 result form and the invite commands

field-uri = URI приглашения
field-landing-url = Веб-ссылка на приглашение
field-expire = Действует до (UTC)
field-email = Отправить приглашение письмом на адрес (необязательно)
field-message =
    Личное сообщение в письме (необязательно, максимум { $max } { $max ->
        [one] символ
        [few] символа
        [many] символов
       *[other] символа
    })
field-copy-to = Прислать мне копию на этот адрес электронной почты (необязательно, не сохраняется)
field-username = Имя пользователя (необязательно; резервируется для этого приглашения)
field-roster-subscription = Добавить новый аккаунт и меня друг другу в контакты
field-lifetime = Срок действия
field-uses-account = Сколько аккаунтов можно создать (от 1 до { $max }; 1, если указано имя пользователя)
field-note = Заметка для администраторов (не видна тому, кого приглашают)

form-invite-created = Приглашение создано
form-invite-created-instructions = Отправьте ссылку сами или укажите адрес электронной почты, и мы отправим её за вас.
form-create-account = Приглашение для нового аккаунта
form-create-account-instructions = Оставьте имя пользователя пустым, и тот, кого вы приглашаете, выберет его сам.

note-invite-created = Приглашение создано. Отправьте эту ссылку тому, кого приглашаете: { $url } (действует до { $expires } UTC)
note-email-queued = Письмо с приглашением уже в пути; доставлено ли оно, можно проверить командой «Мои приглашения».

## The group-invite command

field-group = Название группы (группа в контактах, куда попадут все, кто присоединится)
field-uses-group = Сколько человек может присоединиться (от 1 до { $max })
field-lifetime-free = Срок действия (например, 1d, 7d)
form-group = Создать приглашение в группу
form-group-instructions = Каждый, кто присоединится по этому приглашению, станет контактом для вас и для всех, кто присоединился раньше.
note-group-created = Приглашение в группу { $group } создано. Поделитесь этой ссылкой с теми, кто присоединится: { $url } (действует до { $expires } UTC)

## My invites (#list)

field-creator = Кем создано (пусто: кем угодно)
field-kind = Тип
field-invites = Приглашения
field-action = Действие
option-kind-any = любой
option-kind-account = аккаунт
option-kind-contact = контакт
option-kind-account-and-contact = аккаунт и контакт
option-kind-reset = сброс пароля
option-revoke = Отозвать
option-resend = Отправить письмо ещё раз (с новой ссылкой)
form-filter = Приглашения
form-filter-instructions = Какие действующие приглашения показать.
form-list-admin = Действующие приглашения
form-list = Мои приглашения
form-list-instructions =
    { $count ->
        [one] { $count } действующее приглашение. Отметьте те, которые нужно отозвать, и продолжите, чтобы подтвердить.
        [few] { $count } действующих приглашения. Отметьте те, которые нужно отозвать, и продолжите, чтобы подтвердить.
        [many] { $count } действующих приглашений. Отметьте те, которые нужно отозвать, и продолжите, чтобы подтвердить.
       *[other] { $count } действующего приглашения. Отметьте те, которые нужно отозвать, и продолжите, чтобы подтвердить.
    }
form-revoke = Отозвать приглашения
form-revoke-instructions =
    { $count ->
        [one] Отозвать { $count } приглашение? Ссылки отозванных приглашений сразу перестают работать.
        [few] Отозвать { $count } приглашения? Ссылки отозванных приглашений сразу перестают работать.
        [many] Отозвать { $count } приглашений? Ссылки отозванных приглашений сразу перестают работать.
       *[other] Отозвать { $count } приглашения? Ссылки отозванных приглашений сразу перестают работать.
    }
form-resend = Отправить приглашения ещё раз
form-resend-instructions =
    { $count ->
        [one] Отправить { $count } приглашение письмом ещё раз? При повторной отправке приглашение получает новую ссылку, а старая перестаёт работать.
        [few] Отправить { $count } приглашения письмом ещё раз? При повторной отправке приглашение получает новую ссылку, а старая перестаёт работать.
        [many] Отправить { $count } приглашений письмом ещё раз? При повторной отправке приглашение получает новую ссылку, а старая перестаёт работать.
       *[other] Отправить { $count } приглашения письмом ещё раз? При повторной отправке приглашение получает новую ссылку, а старая перестаёт работать.
    }
note-no-invites = Нет действующих приглашений.
note-select-one = Выберите хотя бы одно приглашение.
note-not-listed = «{ $value }» нет среди показанных приглашений.
note-resending = Повторная отправка: { $ids }.
note-revoked =
    { $count ->
        [one] Отозвано { $count } приглашение: { $ids }.
        [few] Отозвано { $count } приглашения: { $ids }.
        [many] Отозвано { $count } приглашений: { $ids }.
       *[other] Отозвано { $count } приглашения: { $ids }.
    }
note-email-off = Отправка писем на этом сервисе не настроена.
note-invite-error = { $id }: { $error }

# One line per invite in the list. $kind is one of the option-kind-* words.
summary-invite = #{ $id } ({ $kind }), создано { $created }, истекает { $expires } (UTC), осталось использований: { $left } из { $max }
summary-by = , автор: { $jid }
summary-for = , для { $username }
summary-note = , заметка: { $note }
summary-joined = , воспользовались: { $jids }
summary-emailed = , письмо на { $address } (отправок: { $sends }): { $status }
summary-email-sending = отправляется
summary-email-retrying = пока не доставлено ({ $error })
summary-email-sent = отправлено { $at }
summary-email-failed = ОШИБКА: { $error }

## Password reset invite (#reset)

field-account = Аккаунт (имя пользователя или адрес)
field-note-admins = Заметка для администраторов
form-reset = Приглашение на сброс пароля
form-reset-instructions = Одноразовая ссылка на страницу, где можно задать новый пароль для аккаунта.
note-reset-created = Приглашение на сброс пароля для { $username }. Отправьте эту ссылку тому, чей это аккаунт: { $url } (действует до { $expires } UTC)
error-reset-account-missing = Укажите аккаунт, пароль которого нужно сбросить.
error-reset-not-ours = «{ $account }» — не аккаунт на { $domain }
error-reset-no-account = Аккаунта { $jid } не существует.

## Problems with what was submitted

error-not-boolean = { $field }: «{ $value }» — это не «да» и не «нет»
error-not-number = { $field }: «{ $value }» — не целое число
error-not-duration = { $field }: «{ $value }» — не длительность (например, 1h, 1d или 7d)
error-not-jid = { $field }: «{ $value }» — не адрес вида name@example.org
error-unknown-value = { $field }: «{ $value }» нет среди вариантов
error-group-required = group: нужно указать название группы
error-group-empty = Название группы пустое.
error-group-long =
    Название группы слишком длинное: максимум { $max } { $max ->
        [one] символ
        [few] символа
        [many] символов
       *[other] символа
    }.
error-group-control = Название группы содержит управляющие символы.
error-mint-username =
    «{ $username }» не может быть именем пользователя: укажите только часть до @, без пробелов и управляющих символов, максимум { $max } { $max ->
        [one] символ
        [few] символа
        [many] символов
       *[other] символа
    }.
error-mint-username-reserved = Имя пользователя «{ $username }» уже зарезервировано другим приглашением.
error-mint-username-notallowed = Имя пользователя «{ $username }» зарезервировано для служебных ролей сервера и его администраторов.
error-mint-lifetime = Срок действия должен быть от одной минуты до { $max }.
error-mint-uses = Число использований должно быть от 1 до { $max }.
error-mint-uses-username = Приглашение, зарезервированное для имени пользователя, создаёт один аккаунт: укажите 1 использование или оставьте имя пользователя пустым.
error-mint-note =
    Заметка слишком длинная: максимум { $max } { $max ->
        [one] символ
        [few] символа
        [many] символов
       *[other] символа
    }.
error-quota-live =
    { $limit ->
        [one] У вас уже { $limit } действующее приглашение — это максимум; место освободится, когда приглашение будет использовано или вы его отзовёте («Мои приглашения»), либо { $frees } (UTC), когда истечёт ближайший срок действия.
        [few] У вас уже { $limit } действующих приглашения — это максимум; место освободится, когда приглашение будет использовано или вы его отзовёте («Мои приглашения»), либо { $frees } (UTC), когда истечёт ближайший срок действия.
        [many] У вас уже { $limit } действующих приглашений — это максимум; место освободится, когда приглашение будет использовано или вы его отзовёте («Мои приглашения»), либо { $frees } (UTC), когда истечёт ближайший срок действия.
       *[other] У вас уже { $limit } действующего приглашения — это максимум; место освободится, когда приглашение будет использовано или вы его отзовёте («Мои приглашения»), либо { $frees } (UTC), когда истечёт ближайший срок действия.
    }
error-quota-daily =
    { $limit ->
        [one] За последние 24 часа вы создали { $limit } приглашение — это максимум; следующее можно будет создать { $frees } (UTC).
        [few] За последние 24 часа вы создали { $limit } приглашения — это максимум; следующее можно будет создать { $frees } (UTC).
        [many] За последние 24 часа вы создали { $limit } приглашений — это максимум; следующее можно будет создать { $frees } (UTC).
       *[other] За последние 24 часа вы создали { $limit } приглашения — это максимум; следующее можно будет создать { $frees } (UTC).
    }
error-email-address = Похоже, этот адрес электронной почты указан неверно.
error-email-copy = Похоже, адрес для копии указан неверно.
error-email-long =
    Сообщение слишком длинное: максимум { $max } { $max ->
        [one] символ
        [few] символа
        [many] символов
       *[other] символа
    }.
error-email-control = Сообщение содержит управляющие символы.
error-email-limit-inviter =
    { $count ->
        [one] Сегодня вы уже отправили { $count } письмо с приглашением — это максимум; попробуйте позже.
        [few] Сегодня вы уже отправили { $count } письма с приглашениями — это максимум; попробуйте позже.
        [many] Сегодня вы уже отправили { $count } писем с приглашениями — это максимум; попробуйте позже.
       *[other] Сегодня вы уже отправили { $count } письма с приглашениями — это максимум; попробуйте позже.
    }
error-email-limit-recipient =
    { $count ->
        [one] На этот адрес сегодня уже отправлено { $count } письмо с приглашением — это максимум; попробуйте позже.
        [few] На этот адрес сегодня уже отправлено { $count } письма с приглашениями — это максимум; попробуйте позже.
        [many] На этот адрес сегодня уже отправлено { $count } писем с приглашениями — это максимум; попробуйте позже.
       *[other] На этот адрес сегодня уже отправлено { $count } письма с приглашениями — это максимум; попробуйте позже.
    }
error-email-limit-resends =
    { $count ->
        [one] Это приглашение уже отправлялось повторно { $count } раз — это максимум.
        [few] Это приглашение уже отправлялось повторно { $count } раза — это максимум.
        [many] Это приглашение уже отправлялось повторно { $count } раз — это максимум.
       *[other] Это приглашение уже отправлялось повторно { $count } раза — это максимум.
    }
error-email-not-emailed = Это приглашение не отправлялось по электронной почте.
error-email-already = Это приглашение уже отправлено по электронной почте: отправить его ещё раз можно командой «Мои приглашения».
error-email-not-live = Это приглашение больше не действует.
error-invite-not-found = Среди приглашений, которыми вы можете управлять, нет приглашения { $id }.

## Refusals

error-denied-not-local = Создавать приглашения здесь могут только пользователи { $domain }.
error-denied-not-admin = Создавать приглашения для новых аккаунтов могут только администраторы { $domain }.
error-denied-contact-off = Приглашения в контакты на { $domain } отключены; обратитесь к администратору.
error-denied-group = Создавать приглашения в группу могут только администраторы { $domain }.
error-denied-reset = Создавать приглашения на сброс пароля могут только администраторы { $domain }.
error-manage-not-local = Управлять приглашениями здесь могут только пользователи { $domain }.

## Protocol errors (stanza error texts)

error-command-unavailable = Эта команда недоступна.
error-no-such-command = Такой команды нет.
error-no-such-node = Такого узла нет.
error-bad-action = На этом шаге это действие недопустимо.
error-malformed-action = Неизвестное действие.
error-bad-session = Неизвестный сеанс.
error-session-expired = Сеанс команды истёк; начните заново.
error-needs-form = На этом шаге нужно отправить заполненную форму.
error-unexpected-stage = Неожиданный шаг.
error-too-many-sessions = Слишком много открытых сеансов команд; сначала завершите или отмените один из них.
error-internal = Внутренняя ошибка сервиса приглашений; попробуйте позже.
error-invite-token = invite-token: отсутствует, имеет неверный формат или это не ваше приглашение
note-not-emailed = Письмо не отправлено: { $error } Отправьте ссылку сами.

## Refusals an app shows when it registers with an invite (through the
## server module)

module-token-invalid = Код приглашения недействителен или истёк.
module-used-up = Это приглашение уже использовано.
module-already-registered = Аккаунт { $jid } уже создан по этому приглашению.
module-not-acceptable = Запрос не может быть принят.
module-pending = Регистрация завершается; попробуйте ещё раз через минуту.
module-username-reserved = Это имя пользователя зарезервировано другим приглашением.
module-failed = Сбой службы приглашений; попробуйте позже.
