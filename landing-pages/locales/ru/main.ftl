# Landing pages of xmpp-invites. Every string a visitor sees is here.
# Placeables are not isolated (the loader turns isolation marks off) because
# several of them are addresses and URLs.
# Russian: the reader is addressed as "вы" (lower case, as chat apps do). The
# past tense carries gender in the singular and the inviter's is unknown, so
# sentences about the inviter use the present, the future or the passive.
# Addresses cannot be declined, so they stand where the nominative reads well.

site-name = Приглашения на { $domain }
lang-name = Русский
# The name of the list of links to the page in other languages.
lang-switcher-label = Язык

## Dates: $year, $day (numbers), $month (the name below), $monthnum (1–12),
## $hour and $minute (two digits, 24-hour clock, UTC)
datetime = { $day } { $month } { $year } г., { $hour }:{ $minute }
month-1 = января
month-2 = февраля
month-3 = марта
month-4 = апреля
month-5 = мая
month-6 = июня
month-7 = июля
month-8 = августа
month-9 = сентября
month-10 = октября
month-11 = ноября
month-12 = декабря

## Landing page
invite-title-account = Вас приглашают на { $domain }
invite-title-account-by = { $inviter } приглашает вас на { $domain }
invite-title-contact = { $inviter } приглашает вас пообщаться
invite-lead-account = { $domain } — это сервис общения на базе XMPP, открытого стандарта мгновенных сообщений. Вы сможете переписываться с кем угодно на любом XMPP-сервисе, как по электронной почте.
invite-lead-contact = Общайтесь с { $inviter } в любом XMPP-приложении. XMPP — открытый стандарт мгновенных сообщений.
invite-expires = Приглашение действует до { $date } (UTC).
invite-step-app = 1. Установите приложение
invite-step-app-platform = Рекомендуем для вашего устройства
invite-step-app-other = Другие устройства
invite-step-open = 2. Откройте приглашение в приложении
invite-open-button = Открыть приглашение в приложении
invite-open-note = Приложения с пометкой «поддерживает приглашения» настроят всё сами по этой ссылке. В других приложениях сначала создайте аккаунт в браузере ниже, а затем войдите в него.
invite-open-note-manual = Приложение попросит { $inviter } добавить вас в контакты.
invite-step-register = 2. Создайте аккаунт
invite-register-heading = Создать аккаунт в браузере
invite-register-text = Выберите здесь адрес на { $domain }, а затем используйте его для входа в любом приложении.
invite-register-button = Создать аккаунт
invite-existing-heading = У меня уже есть XMPP-адрес
invite-existing-text = Откройте ссылку выше в своём приложении и добавьте { $inviter } или укажите свой адрес — тогда { $inviter } сразу сможет вас принять.
invite-existing-button = Использовать мой адрес
invite-qr-heading = На другом устройстве?
invite-qr-text = Отсканируйте этот код камерой телефона, чтобы открыть эту страницу на нём.
invite-qr-label = QR-код с адресом этой страницы
app-ready = поддерживает приглашения
app-get = Скачать { $name } ({ $store })
platform-android = Android
platform-ios = iPhone и iPad
platform-windows = Windows
platform-macos = macOS
platform-linux = Linux
platform-web = Веб-браузер

## App descriptions (client-ID)
client-conversations = Простой и безопасный мессенджер для Android; понимает ссылки-приглашения.
client-snikket = Простой и приватный мессенджер для Android; понимает ссылки-приглашения.
client-monal = XMPP-приложение для iPhone, iPad и Mac; понимает ссылки-приглашения.
client-siskin = Лёгкое XMPP-приложение для iPhone и iPad.
client-gajim = Многофункциональное XMPP-приложение для Windows и Linux.
client-dino = Современное XMPP-приложение для Linux-компьютеров.
client-beagle = XMPP-приложение для Mac.
client-movim = XMPP прямо в браузере, без установки.

## Registration
register-title = Создайте аккаунт на { $domain }
register-fixed = Это приглашение для адреса { $jid }.
register-username = Имя пользователя
register-username-hint = Надёжнее всего использовать буквы, цифры и символы . _ -. Ваш адрес будет выглядеть так: имя@{ $domain }.
register-password = Пароль
register-password-hint =
    Минимум { $min } { $min ->
        [one] символ
        [few] символа
        [many] символов
       *[other] символа
    }.
register-confirm = Пароль ещё раз
register-submit = Создать аккаунт
register-done-title = Добро пожаловать, { $jid }!
register-done-text = Ваш аккаунт готов. Установите приложение и войдите, указав свой адрес и только что выбранный пароль.
register-done-contact = { $inviter } уже в ваших контактах.
register-done-address = Ваш адрес

## Existing address
existing-title = Чат с { $inviter }
existing-text = Введите свой XMPP-адрес, и { $inviter } сразу сможет вас принять.
existing-address = Ваш XMPP-адрес
existing-address-hint = Например: name@example.org
existing-submit = Продолжить
accepted-title = Почти готово
accepted-text = { $inviter } примет вас автоматически. Теперь добавьте { $inviter } в контакты в своём приложении:
accepted-button = Добавить { $inviter } в приложении
group-joined-title = Вы присоединились к группе { $group }
group-joined-text = Все участники группы { $group } уже добавили вас в контакты. Добавьте каждого из них в своём приложении, и вы будете видеть друг друга:
group-add-button = Добавить { $member } в приложении
group-joined-manual = Если кнопка не срабатывает, добавьте этого человека в контакты вручную, в группу «{ $group }».
group-landing-note = Это приглашение в группу { $group }: каждый, кто присоединится, станет контактом всех остальных участников.
accepted-manual = Если кнопка не срабатывает, добавьте { $inviter } в контакты вручную в своём приложении.

## Field errors
error-summary = Исправьте отмеченные ниже поля.
error-username-empty = Выберите имя пользователя.
error-username-invalid = Это имя пользователя содержит символы, недопустимые в XMPP-адресе, или слишком длинное.
error-username-fixed = По этому приглашению можно создать только аккаунт { $username }.
error-username-reserved = Это имя пользователя зарезервировано для другого человека.
error-username-long =
    Имя пользователя слишком длинное: максимум { $max } { $max ->
        [one] символ
        [few] символа
        [many] символов
       *[other] символа
    }.
error-username-notallowed = Это имя пользователя зарезервировано для нужд самого сервера; выберите другое.
error-username-taken = Это имя пользователя уже занято; выберите другое.
error-password-short =
    Пароль слишком короткий: нужно минимум { $min } { $min ->
        [one] символ
        [few] символа
        [many] символов
       *[other] символа
    }.
error-password-long =
    Пароль слишком длинный: максимум { $max } { $max ->
        [one] символ
        [few] символа
        [many] символов
       *[other] символа
    }.
error-password-username = Пароль не должен совпадать с именем пользователя.
error-password-mismatch = Пароли не совпадают.
error-password-chars = Пароль содержит недопустимые символы (управляющие или символы форматирования). Введите его ещё раз.
error-password-server = Этот сервер не может сохранить некоторые символы этого пароля, например эмодзи. Выберите пароль без них.
error-address-invalid = Это не XMPP-адрес (name@example.org).
error-address-inviter = Это адрес человека, который вас пригласил.
error-form-expired = Срок действия формы истёк. Отправьте её ещё раз.

## Password reset
reset-title = Новый пароль для { $jid }
reset-lead = Выберите новый пароль для аккаунта { $jid }. Ваши контакты и сообщения останутся на месте.
reset-expires = Ссылка действует до { $date } (UTC) и срабатывает только один раз.
reset-account = Ваш адрес
reset-password = Новый пароль
reset-submit = Сохранить пароль
reset-done-title = Новый пароль установлен
reset-done-text = Войдите в { $jid } с новым паролем. Приложения, где всё ещё используется старый пароль, запросят новый.
reset-unknown-title = Не удалось подтвердить новый пароль
reset-unknown-text = Чат-сервер не ответил вовремя, поэтому мы не знаем, установлен ли новый пароль. Попробуйте войти с новым паролем, а затем со старым. Эта ссылка уже использована: если не подойдёт ни один из паролей, запросите новую.
reset-unavailable-text = Пароль не изменён, а ссылка по-прежнему действует. Попробуйте ещё раз через несколько минут.
reset-refused-title = Чат-сервер не изменил пароль
reset-refused-text = Пароль не изменён, а ссылка по-прежнему действует. Попробуйте позже или сообщите об этом тому, кто прислал вам ссылку.
reset-noaccount-title = Этого аккаунта больше нет
reset-noaccount-text = Нет аккаунта, для которого можно задать пароль. Обратитесь к тому, кто прислал вам эту ссылку.

## Dead invites and errors
dead-notfound-title = Приглашение не найдено
dead-notfound-text = Эта ссылка-приглашение недействительна. Проверьте, что ссылка скопирована целиком, или попросите новое приглашение.
dead-expired-title = Срок действия приглашения истёк
dead-expired-text = Приглашения действуют ограниченное время. Попросите новое у того, кто вас пригласил.
dead-used-title = Это приглашение уже использовано
dead-used-text = Каждое приглашение можно использовать ограниченное число раз. Попросите новое у того, кто вас пригласил.
error-unavailable-title = Чат-сервер сейчас недоступен
error-unavailable-text = Аккаунт не создан, а приглашение по-прежнему действует. Попробуйте ещё раз через несколько минут.
register-exists-title = Ваш аккаунт { $jid } готов
register-exists-text = Он только что создан по этому приглашению. Откройте приложение и войдите с паролем, который вы тогда выбрали.
error-pending-title = Аккаунт создаётся
error-pending-text = Чат-сервер не ответил вовремя, поэтому мы пока не знаем, создан ли аккаунт. Подождите минуту и отправьте форму ещё раз с тем же именем пользователя и паролем.
error-confirmations-title = Слишком много сообщений с подтверждением
error-confirmations-text = На этот адрес или по этому приглашению сегодня уже отправлено достаточно сообщений с подтверждением. Найдите уже отправленное сообщение или попробуйте завтра.
error-refused-title = Чат-сервер не создал аккаунт
error-refused-text = Приглашение по-прежнему действует. Попробуйте позже или сообщите об этом тому, кто вас пригласил.
error-internal-title = Что-то пошло не так
error-internal-text = Приглашение по-прежнему действует. Попробуйте позже.
error-ratelimit-title = Слишком много запросов
error-ratelimit-text = Подождите минуту и попробуйте ещё раз.
error-badrequest-title = Не удалось разобрать запрос
error-badrequest-text = Вернитесь назад и попробуйте ещё раз.
error-forbidden-title = Форма отправлена с другого сайта
error-forbidden-text = Ради вашей безопасности она не принята. Откройте ссылку-приглашение ещё раз и воспользуйтесь формой на той странице.
index-title = Приглашения на { $domain }
index-text = Этот сервис создаёт аккаунты на { $domain } для тех, у кого есть ссылка-приглашение. Если она у вас есть, откройте её.
accept-title = Есть код приглашения?
accept-code = Ссылка или код приглашения
accept-code-hint = Вставьте ссылку, код или адрес xmpp:, который вам прислали.
accept-submit = Открыть приглашение
accept-empty = Сначала вставьте ссылку или код приглашения.
accept-garbage = Это не ссылка и не код приглашения. Проверьте, что скопировали всё целиком.

## Message to the inviter (XMPP)
notify-accepted = Ваше приглашение принято: { $jid }.
notify-reset = Для { $jid } задан новый пароль по вашему приглашению на сброс пароля.
notify-reset-unknown = Ваше приглашение на сброс пароля для { $jid } использовано, но сервер не подтвердил новый пароль. Если войти не получится, отправьте новое приглашение.

## Confirmation by a user of this server
confirm-sent-title = Проверьте сообщения
confirm-sent-text = Мы отправили на { $address } сообщение со ссылкой. Откройте её, войдя в этот аккаунт, чтобы вы и { $inviter } появились друг у друга в контактах.
confirm-title = Добавить { $inviter } в контакты?
confirm-text = { $inviter } приглашает { $address } пообщаться. Подтвердите, и вы появитесь друг у друга в контактах.
confirm-button = Подтвердить
confirm-done-title = Теперь вы и { $inviter } в контактах друг у друга
confirm-done-text = Откройте приложение: { $inviter } в ваших контактах.
confirm-request = { $inviter } приглашает вас пообщаться. Чтобы принять приглашение и добавить друг друга в контакты, откройте: { $url }
error-toolarge-title = Форма слишком большая
error-toolarge-text = Отправленные данные длиннее любого допустимого ответа. Вернитесь и сократите их.
error-timeout-title = Форма передавалась слишком долго
error-timeout-text = Соединение было слишком медленным. Вернитесь и отправьте форму ещё раз.

## Invitation email
email-subject = { $inviter } приглашает вас пообщаться на { $domain }
email-intro = { $inviter } приглашает вас пообщаться на { $domain }.
email-message-intro = Сообщение к приглашению:
email-link-intro = Чтобы принять приглашение, откройте ссылку и следуйте инструкциям:
email-button = Принять приглашение
email-expiry = Ссылка действует до { $expires } (UTC). Она предназначена только для вас: не пересылайте это письмо.
email-about = Что это такое? { $domain } — сервис общения на базе XMPP, открытого стандарта обмена сообщениями: как и в электронной почте, люди на разных сервисах могут общаться друг с другом, каждый в удобном для себя приложении. Страница по ссылке поможет выбрать приложение и создать аккаунт или воспользоваться уже имеющимся адресом.
email-copy = Это копия отправленного вами приглашения.
email-footer = Вы получили это письмо, потому что ваш адрес указан в приглашении от { $inviter }. Если вы не знаете этого человека, просто не обращайте внимания на это письмо.
