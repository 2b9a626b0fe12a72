# Landing pages of xmpp-invites, Ukrainian. Every string a visitor sees is here.
# Placeables are not isolated (the loader turns isolation marks off) because
# several of them are addresses and URLs.
# Register: "ви" (lowercase), as in consumer chat apps. Plurals use the CLDR
# categories one / few / many / other. "other" only covers fractions, which a
# count of characters never is, so it repeats the "many" form: that also reads
# right if a count ever arrives as text rather than a number. Inviters and
# members are named without gendered past-tense verbs.

site-name = Запрошення на { $domain }
lang-name = Українська
# The name of the list of links to the page in other languages.
lang-switcher-label = Мова

## Dates: $year, $day (numbers), $month (the name below), $monthnum (1–12),
## $hour and $minute (two digits, 24-hour clock, UTC)
datetime = { $day } { $month } { $year } р., { $hour }:{ $minute }
month-1 = січня
month-2 = лютого
month-3 = березня
month-4 = квітня
month-5 = травня
month-6 = червня
month-7 = липня
month-8 = серпня
month-9 = вересня
month-10 = жовтня
month-11 = листопада
month-12 = грудня

## Сторінка запрошення
invite-title-account = Вас запрошують приєднатися до { $domain }
invite-title-account-by = { $inviter } запрошує вас приєднатися до { $domain }
invite-title-contact = { $inviter } запрошує вас поспілкуватися
invite-lead-account = { $domain } — це сервіс для спілкування на основі XMPP, відкритого стандарту миттєвих повідомлень. Ви зможете спілкуватися з ким завгодно на будь-якому сервісі XMPP — так само, як електронною поштою.
invite-lead-contact = Спілкуйтеся з { $inviter } у будь-якому застосунку XMPP — відкритого стандарту миттєвих повідомлень.
invite-expires = Запрошення дійсне до { $date } (UTC).
invite-step-app = 1. Установіть застосунок
invite-step-app-platform = Рекомендовано для вашого пристрою
invite-step-app-other = Інші пристрої
invite-step-open = 2. Відкрийте запрошення в застосунку
invite-open-button = Відкрити запрошення в застосунку
invite-open-note = Застосунки з позначкою «підтримує запрошення» налаштують усе самі за цим посиланням. В інших застосунках спершу створіть обліковий запис у браузері (нижче), а потім увійдіть.
invite-open-note-manual = Ваш застосунок надішле { $inviter } запит на додавання вас до контактів.
invite-step-register = 2. Створіть обліковий запис
invite-register-heading = Створіть обліковий запис у браузері
invite-register-text = Виберіть тут адресу на { $domain }, а потім увійдіть із нею в будь-якому застосунку.
invite-register-button = Створити обліковий запис
invite-existing-heading = У мене вже є адреса XMPP
invite-existing-text = Відкрийте посилання вище у своєму застосунку й додайте { $inviter } або вкажіть свою адресу — тоді { $inviter } зможе одразу вас прийняти.
invite-existing-button = Використати наявну адресу
invite-qr-heading = На іншому пристрої?
invite-qr-text = Відскануйте цей код камерою телефона, щоб відкрити цю сторінку на ньому.
invite-qr-label = QR-код з адресою цієї сторінки
app-ready = підтримує запрошення
app-get = Завантажити { $name } з { $store }
platform-android = Android
platform-ios = iPhone та iPad
platform-windows = Windows
platform-macos = macOS
platform-linux = Linux
platform-web = Браузер

## Опис застосунків (ID клієнта)
client-conversations = Простий і захищений месенджер для Android; розуміє посилання-запрошення.
client-snikket = Простий приватний месенджер для Android; розуміє посилання-запрошення.
client-monal = Застосунок XMPP для iPhone, iPad і Mac; розуміє посилання-запрошення.
client-siskin = Легкий застосунок XMPP для iPhone та iPad.
client-gajim = Багатофункціональний застосунок XMPP для Windows і Linux.
client-dino = Сучасний застосунок XMPP для комп’ютерів з Linux.
client-beagle = Застосунок XMPP для Mac.
client-movim = XMPP просто в браузері, без встановлення.

## Реєстрація
register-title = Створіть обліковий запис на { $domain }
register-fixed = Це запрошення для адреси { $jid }.
register-username = Ім’я користувача
register-username-hint = Літери, цифри та символи . _ - підходять завжди. Ваша адреса матиме вигляд ім’я@{ $domain }.
register-password = Пароль
register-password-hint = Щонайменше { $min } { $min ->
        [one] символ
        [few] символи
        [many] символів
       *[other] символів
    }.
register-confirm = Повторіть пароль
register-submit = Створити обліковий запис
register-done-title = Вітаємо, { $jid }!
register-done-text = Обліковий запис готовий. Установіть застосунок і ввійдіть зі своєю адресою та щойно вибраним паролем.
register-done-contact = { $inviter } уже у ваших контактах.
register-done-address = Ваша адреса

## Наявна адреса
existing-title = Чат із { $inviter }
existing-text = Введіть свою адресу XMPP — і { $inviter } зможе одразу вас прийняти.
existing-address = Ваша адреса XMPP
existing-address-hint = Наприклад: name@example.org
existing-submit = Продовжити
accepted-title = Майже готово
accepted-text = { $inviter } прийме вас автоматично. Тепер додайте { $inviter } до контактів у своєму застосунку:
accepted-button = Додати { $inviter } у застосунку
group-joined-title = Ви в групі «{ $group }»
group-joined-text = Усі учасники групи «{ $group }» уже мають вас у контактах. Додайте кожного з них у своєму застосунку — і ви бачитимете одне одного:
group-add-button = Додати { $member } у застосунку
group-joined-manual = Якщо кнопка не спрацьовує, додайте цю людину до контактів вручну, у групу з назвою «{ $group }».
group-landing-note = Це запрошення до групи «{ $group }»: кожен, хто приєднається, стане контактом усіх інших її учасників.
accepted-manual = Якщо кнопка не спрацьовує, додайте { $inviter } до контактів у застосунку вручну.

## Помилки в полях
error-summary = Виправте позначені нижче поля.
error-username-empty = Виберіть ім’я користувача.
error-username-invalid = Ім’я користувача містить символи, неприпустимі в адресі XMPP, або надто довге.
error-username-fixed = За цим запрошенням можна створити лише обліковий запис { $username }.
error-username-reserved = Це ім’я користувача зарезервоване для іншої людини.
error-username-long = Ім’я користувача може містити щонайбільше { $max } { $max ->
        [one] символ
        [few] символи
        [many] символів
       *[other] символів
    }.
error-username-notallowed = Це ім’я користувача зарезервоване для потреб сервера; виберіть інше.
error-username-taken = Це ім’я користувача вже зайняте; виберіть інше.
error-password-short = Пароль має містити щонайменше { $min } { $min ->
        [one] символ
        [few] символи
        [many] символів
       *[other] символів
    }.
error-password-long = Пароль може містити щонайбільше { $max } { $max ->
        [one] символ
        [few] символи
        [many] символів
       *[other] символів
    }.
error-password-username = Пароль не може збігатися з іменем користувача.
error-password-mismatch = Паролі не збігаються.
error-password-chars = Пароль містить символи, які не можна використовувати (керівні символи або символи форматування). Введіть його ще раз.
error-password-server = Цей сервер не може зберегти деякі символи цього пароля, наприклад емодзі. Виберіть пароль без них.
error-address-invalid = Це не адреса XMPP (вона має вигляд name@example.org).
error-address-inviter = Це адреса людини, яка вас запросила.
error-form-expired = Термін дії форми минув. Надішліть її ще раз.

## Скидання пароля
reset-title = Новий пароль для { $jid }
reset-lead = Виберіть новий пароль для облікового запису { $jid }. Ваші контакти й повідомлення залишаться без змін.
reset-expires = Посилання дійсне до { $date } (UTC) і спрацьовує лише один раз.
reset-account = Ваша адреса
reset-password = Новий пароль
reset-submit = Зберегти новий пароль
reset-done-title = Новий пароль установлено
reset-done-text = Увійдіть у { $jid } з новим паролем. Застосунки, де ви ще ввійшли зі старим паролем, попросять новий.
reset-unknown-title = Не вдалося підтвердити новий пароль
reset-unknown-text = Сервер чату не відповів вчасно, тому ми не знаємо, чи встановлено новий пароль. Спробуйте ввійти з новим паролем, а потім зі старим. Це посилання вже використано: якщо не підходить жоден пароль, попросіть нове.
reset-unavailable-text = Пароль не змінено, а посилання ще дійсне. Спробуйте ще раз за кілька хвилин.
reset-refused-title = Сервер чату не змінив пароль
reset-refused-text = Пароль не змінено, а посилання ще дійсне. Спробуйте пізніше або повідомте людину, яка вам його надіслала.
reset-noaccount-title = Цього облікового запису більше не існує
reset-noaccount-text = Немає облікового запису, для якого можна встановити пароль. Зверніться до людини, яка надіслала вам це посилання.

## Недійсні запрошення та помилки
dead-notfound-title = Запрошення не знайдено
dead-notfound-text = Це посилання-запрошення недійсне. Перевірте, чи скопійовано посилання повністю, або попросіть нове запрошення.
dead-expired-title = Термін дії запрошення минув
dead-expired-text = Запрошення діють обмежений час. Попросіть нове в людини, яка вас запросила.
dead-used-title = Це запрошення вже використано
dead-used-text = Кожне запрошення можна використати лише обмежену кількість разів. Попросіть нове в людини, яка вас запросила.
error-unavailable-title = Сервер чату зараз недоступний
error-unavailable-text = Обліковий запис не створено, а запрошення ще дійсне. Спробуйте ще раз за кілька хвилин.
register-exists-title = Ваш обліковий запис { $jid } готовий
register-exists-text = Його щойно створено за цим запрошенням. Відкрийте застосунок і ввійдіть з паролем, який ви тоді вибрали.
error-pending-title = Обліковий запис створюється
error-pending-text = Сервер чату не відповів вчасно, тому ми ще не знаємо, чи створено обліковий запис. Зачекайте хвилину й надішліть форму ще раз із тим самим іменем користувача та паролем.
error-confirmations-title = Забагато повідомлень із підтвердженням
error-confirmations-text = На цю адресу або за цим запрошенням сьогодні вже надіслано досить повідомлень із підтвердженням. Знайдіть уже надіслане повідомлення або спробуйте завтра.
error-refused-title = Сервер чату не створив обліковий запис
error-refused-text = Запрошення ще дійсне. Спробуйте пізніше або повідомте людину, яка вас запросила.
error-internal-title = Щось пішло не так
error-internal-text = Запрошення ще дійсне. Спробуйте пізніше.
error-ratelimit-title = Забагато запитів
error-ratelimit-text = Зачекайте хвилину й спробуйте ще раз.
error-badrequest-title = Не вдалося розібрати запит
error-badrequest-text = Поверніться назад і спробуйте ще раз.
error-forbidden-title = Цю форму надіслано з іншого сайту
error-forbidden-text = Задля вашої безпеки її не прийнято. Відкрийте посилання-запрошення ще раз і скористайтеся формою на тій сторінці.
index-title = Запрошення на { $domain }
index-text = Цей сервіс створює облікові записи на { $domain } для тих, хто має посилання-запрошення. Якщо воно у вас є, відкрийте його.
accept-title = Маєте код запрошення?
accept-code = Посилання або код запрошення
accept-code-hint = Вставте посилання, код або адресу xmpp:, яку вам надіслали.
accept-submit = Відкрити запрошення
accept-empty = Спершу вставте посилання або код запрошення.
accept-garbage = Це не посилання й не код запрошення. Перевірте, чи скопійовано його повністю.

## Повідомлення для того, хто запросив (XMPP)
notify-accepted = Користувач { $jid } прийняв ваше запрошення.
notify-reset = Користувач { $jid } установив новий пароль за вашим запрошенням для скидання пароля.
notify-reset-unknown = Користувач { $jid } скористався вашим запрошенням для скидання пароля, але сервер не підтвердив новий пароль. Якщо ця людина не зможе ввійти, надішліть їй нове запрошення.

## Підтвердження користувачем цього сервера
confirm-sent-title = Перевірте повідомлення
confirm-sent-text = Ми надіслали на { $address } повідомлення з посиланням. Відкрийте його, коли ввійдете в цей обліковий запис, — і ви з { $inviter } з’явитеся в контактах одне одного.
confirm-title = Додати { $inviter } до контактів?
confirm-text = { $inviter } запрошує { $address } поспілкуватися. Підтвердьте — і ви з’явитеся в контактах одне одного.
confirm-button = Підтвердити
confirm-done-title = Тепер ви з { $inviter } у контактах одне одного
confirm-done-text = Відкрийте застосунок: { $inviter } уже у ваших контактах.
confirm-request = { $inviter } запрошує вас поспілкуватися. Щоб прийняти запрошення й додати одне одного в контакти, відкрийте: { $url }
error-toolarge-title = Форма завелика
error-toolarge-text = Надісланий текст довший за будь-яку допустиму відповідь. Поверніться назад і скоротіть його.
error-timeout-title = Форма надходила надто довго
error-timeout-text = З’єднання було надто повільним. Поверніться назад і надішліть форму ще раз.

## Лист із запрошенням
email-subject = { $inviter } запрошує вас поспілкуватися на { $domain }
email-intro = { $inviter } запрошує вас до спілкування на { $domain }.
email-message-intro = Повідомлення для вас:
email-link-intro = Щоб прийняти запрошення, відкрийте це посилання й виконайте кроки:
email-button = Прийняти запрошення
email-expiry = Посилання діє до { $expires } (UTC). Воно лише для вас: не пересилайте цей лист.
email-about = Що це? { $domain } — сервіс для спілкування на основі XMPP, відкритого стандарту обміну повідомленнями: як і в електронній пошті, люди з різних сервісів можуть спілкуватися між собою в застосунку на свій вибір. Сторінка за посиланням допоможе вибрати застосунок і створити обліковий запис або скористатися вашою наявною адресою.
email-copy = Це копія надісланого вами запрошення.
email-footer = Цей лист надіслано, бо вашу адресу вказано в запрошенні від { $inviter }. Якщо ви не знаєте цієї людини, просто проігноруйте цей лист.
