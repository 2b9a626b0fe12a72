# Landing pages of xmpp-invites, Arabic. Every string a visitor sees is here.
# Placeables are not isolated (the loader turns isolation marks off) because
# several of them are addresses and URLs.
# Modern Standard Arabic, addressing the reader neutrally: buttons and steps
# are verbal nouns, requests use "يُرجى" or "يمكنك" rather than gendered
# imperatives. Western digits throughout. Plurals use the CLDR categories
# zero / one / two / few / many / other.

site-name = دعوات إلى { $domain }
lang-name = العربية
# The name of the list of links to the page in other languages.
lang-switcher-label = اللغة

## Dates: $year, $day (numbers), $month (the name below), $monthnum (1–12),
## $hour and $minute (two digits, 24-hour clock, UTC)
datetime = { $day } { $month } { $year }، { $hour }:{ $minute }
month-1 = يناير
month-2 = فبراير
month-3 = مارس
month-4 = أبريل
month-5 = مايو
month-6 = يونيو
month-7 = يوليو
month-8 = أغسطس
month-9 = سبتمبر
month-10 = أكتوبر
month-11 = نوفمبر
month-12 = ديسمبر

## صفحة الدعوة
invite-title-account = دعوة للانضمام إلى { $domain }
invite-title-account-by = دعوة من { $inviter } للانضمام إلى { $domain }
invite-title-contact = دعوة من { $inviter } للدردشة
invite-lead-account = إنّ { $domain } خدمة دردشة تعمل بمعيار XMPP المفتوح للمراسلة الفورية. يمكنك الدردشة مع أي شخص على أي خدمة XMPP، تمامًا كما في البريد الإلكتروني.
invite-lead-contact = يمكنك الدردشة مع { $inviter } باستخدام أي تطبيق يدعم XMPP، المعيار المفتوح للمراسلة الفورية.
invite-expires = هذه الدعوة صالحة حتى { $date } (UTC).
invite-step-app = 1. تثبيت تطبيق
invite-step-app-platform = التطبيقات المقترحة لجهازك
invite-step-app-other = أجهزة أخرى
invite-step-open = 2. فتح الدعوة في التطبيق
invite-open-button = فتح الدعوة في التطبيق
invite-open-note = التطبيقات التي تحمل شارة «يدعم الدعوات» تُعِدّ كل شيء تلقائيًا من هذا الرابط. أما مع التطبيقات الأخرى، فيمكنك إنشاء حسابك في المتصفح أدناه، ثم تسجيل الدخول.
invite-open-note-manual = سيرسل تطبيقك إلى { $inviter } طلبًا لإضافتك إلى جهات الاتصال.
invite-step-register = 2. إنشاء حسابك
invite-register-heading = إنشاء حساب في المتصفح
invite-register-text = يمكنك هنا اختيار عنوان على { $domain }، ثم تسجيل الدخول به في أي تطبيق.
invite-register-button = إنشاء حسابي
invite-existing-heading = لديّ عنوان XMPP بالفعل
invite-existing-text = يمكنك فتح الرابط أعلاه في تطبيقك وإضافة { $inviter }، أو إخبارنا بعنوانك ليتمكّن { $inviter } من قبولك فورًا.
invite-existing-button = استخدام عنواني الحالي
invite-qr-heading = على جهاز آخر؟
invite-qr-text = يمكنك مسح هذا الرمز بكاميرا هاتفك لفتح هذه الصفحة عليه.
invite-qr-label = رمز QR لعنوان هذه الصفحة
app-ready = يدعم الدعوات
app-get = تنزيل { $name } من { $store }
platform-android = Android
platform-ios = iPhone وiPad
platform-windows = Windows
platform-macos = macOS
platform-linux = Linux
platform-web = متصفح الويب

## أوصاف التطبيقات (معرّف التطبيق)
client-conversations = تطبيق مراسلة سهل وآمن لنظام Android، يدعم روابط الدعوة.
client-snikket = تطبيق مراسلة بسيط يحفظ خصوصيتك لنظام Android، يدعم روابط الدعوة.
client-monal = تطبيق XMPP لأجهزة iPhone وiPad وMac، يدعم روابط الدعوة.
client-siskin = تطبيق XMPP خفيف لأجهزة iPhone وiPad.
client-gajim = تطبيق XMPP متكامل الميزات لنظامي Windows وLinux.
client-dino = تطبيق XMPP عصري لسطح مكتب Linux.
client-beagle = تطبيق XMPP لأجهزة Mac.
client-movim = استخدام XMPP في متصفح الويب، دون أي تثبيت.

## التسجيل
register-title = إنشاء حسابك على { $domain }
register-fixed = هذه الدعوة مخصّصة للعنوان { $jid }.
register-username = اسم المستخدم
register-username-hint = يمكن استخدام الحروف والأرقام والرموز . _ - بأمان. وسيكون عنوانك بالشكل username@{ $domain }.
register-password = كلمة المرور
register-password-hint = { $min ->
        [zero] { $min } حرف
        [one] حرف واحد
        [two] حرفان
        [few] { $min } أحرف
        [many] { $min } حرفًا
       *[other] { $min } حرف
    } على الأقل.
register-confirm = تأكيد كلمة المرور
register-submit = إنشاء الحساب
register-done-title = مرحبًا، { $jid }!
register-done-text = حسابك جاهز. كل ما عليك الآن هو تثبيت تطبيق وتسجيل الدخول بعنوانك وكلمة المرور التي اخترتها للتو.
register-done-contact = تمت إضافة { $inviter } إلى جهات اتصالك بالفعل.
register-done-address = عنوانك

## عنوان موجود
existing-title = الدردشة مع { $inviter }
existing-text = يُرجى إدخال عنوان XMPP الخاص بك ليتمكّن { $inviter } من قبولك فورًا.
existing-address = عنوان XMPP الخاص بك
existing-address-hint = مثال: name@example.org
existing-submit = متابعة
accepted-title = بقيت خطوة أخيرة
accepted-text = سيتم قبولك لدى { $inviter } تلقائيًا. والآن يمكنك إضافة { $inviter } إلى جهات الاتصال في تطبيقك:
accepted-button = إضافة { $inviter } في تطبيقي
group-joined-title = لقد انضممت إلى «{ $group }»
group-joined-text = جميع أعضاء «{ $group }» أضافوك بالفعل إلى جهات اتصالهم. يمكنك الآن إضافة كل واحد منهم في تطبيقك ليرى كلٌّ منكم الآخر:
group-add-button = إضافة { $member } في تطبيقي
group-joined-manual = إذا لم يستجب أحد الأزرار، فيمكنك إضافة ذلك الشخص إلى جهات الاتصال يدويًا، ضمن مجموعة باسم «{ $group }».
group-landing-note = هذه الدعوة إلى المجموعة «{ $group }»: كل من ينضم إليها يصبح جهة اتصال لجميع أعضائها الآخرين.
accepted-manual = إذا لم يستجب الزر، فيمكنك إضافة { $inviter } إلى جهات الاتصال يدويًا في تطبيقك.

## أخطاء الحقول
error-summary = يُرجى تصحيح الحقول المميّزة أدناه.
error-username-empty = يُرجى اختيار اسم مستخدم.
error-username-invalid = يحتوي اسم المستخدم هذا على أحرف غير مسموح بها في عناوين XMPP، أو أنه طويل جدًا.
error-username-fixed = لا يمكن بهذه الدعوة إنشاء حساب غير { $username }.
error-username-reserved = اسم المستخدم هذا محجوز لشخص آخر.
error-username-long = يجب ألا يزيد اسم المستخدم على { $max ->
        [zero] { $max } حرف
        [one] حرف واحد
        [two] حرفين
        [few] { $max } أحرف
        [many] { $max } حرفًا
       *[other] { $max } حرف
    }.
error-username-notallowed = اسم المستخدم هذا محجوز لاستخدام الخادم نفسه؛ يُرجى اختيار اسم آخر.
error-username-taken = اسم المستخدم هذا مستخدَم بالفعل؛ يُرجى اختيار اسم آخر.
error-password-short = يجب ألا تقل كلمة المرور عن { $min ->
        [zero] { $min } حرف
        [one] حرف واحد
        [two] حرفين
        [few] { $min } أحرف
        [many] { $min } حرفًا
       *[other] { $min } حرف
    }.
error-password-long = يجب ألا تزيد كلمة المرور على { $max ->
        [zero] { $max } حرف
        [one] حرف واحد
        [two] حرفين
        [few] { $max } أحرف
        [many] { $max } حرفًا
       *[other] { $max } حرف
    }.
error-password-username = يجب ألا تكون كلمة المرور هي اسم المستخدم نفسه.
error-password-mismatch = كلمتا المرور غير متطابقتين.
error-password-chars = تحتوي كلمة المرور على أحرف لا يمكن استخدامها (أحرف تحكّم أو تنسيق). يُرجى كتابتها مرة أخرى.
error-password-server = لا يستطيع خادم الدردشة هذا حفظ بعض أحرف كلمة المرور هذه، مثل الرموز التعبيرية. يُرجى اختيار كلمة مرور خالية منها.
error-address-invalid = هذا ليس عنوان XMPP (مثل name@example.org).
error-address-inviter = هذا عنوان الشخص الذي دعاك.
error-form-expired = انتهت صلاحية هذا النموذج. يُرجى إرساله مرة أخرى.

## إعادة تعيين كلمة المرور
reset-title = تعيين كلمة مرور جديدة للحساب { $jid }
reset-lead = يمكنك اختيار كلمة مرور جديدة لحسابك { $jid }. ستبقى جهات اتصالك ورسائلك كما هي.
reset-expires = هذا الرابط صالح حتى { $date } (UTC)، ولمرة واحدة فقط.
reset-account = عنوانك
reset-password = كلمة المرور الجديدة
reset-submit = تعيين كلمة المرور
reset-done-title = تم تعيين كلمة المرور الجديدة
reset-done-text = يمكنك الآن تسجيل الدخول إلى { $jid } بكلمة المرور الجديدة. أما التطبيقات التي لا تزال مسجّلة الدخول بكلمة المرور القديمة، فستطلب منك الجديدة.
reset-unknown-title = تعذّر علينا التأكد من كلمة المرور الجديدة
reset-unknown-text = لم يستجب خادم الدردشة في الوقت المحدد، لذا لا نعرف إن كانت كلمة المرور الجديدة قد عُيّنت. يُرجى محاولة تسجيل الدخول بكلمة المرور الجديدة، ثم بالقديمة. لقد استُخدم هذا الرابط: إذا لم تنجح أيٌّ منهما، فيمكنك طلب رابط جديد.
reset-unavailable-text = لم تتغير كلمة المرور، ولا يزال هذا الرابط صالحًا. يُرجى المحاولة مرة أخرى بعد بضع دقائق.
reset-refused-title = لم يغيّر خادم الدردشة كلمة المرور
reset-refused-text = لم تتغير كلمة المرور، ولا يزال هذا الرابط صالحًا. يُرجى المحاولة لاحقًا، أو إبلاغ الشخص الذي أرسله إليك.
reset-noaccount-title = هذا الحساب لم يعد موجودًا
reset-noaccount-text = لا يوجد حساب لتعيين كلمة مرور له. يُرجى التواصل مع الشخص الذي أرسل إليك هذا الرابط.

## دعوات غير صالحة وأخطاء
dead-notfound-title = لم يتم العثور على الدعوة
dead-notfound-text = رابط الدعوة هذا غير صالح. يُرجى التأكد من نسخ الرابط كاملًا، أو طلب دعوة جديدة.
dead-expired-title = انتهت صلاحية هذه الدعوة
dead-expired-text = الدعوات صالحة لمدة محدودة. يُرجى طلب دعوة جديدة من الشخص الذي دعاك.
dead-used-title = هذه الدعوة مستخدَمة بالفعل
dead-used-text = لا يمكن استخدام كل دعوة إلا لعدد محدود من المرات. يُرجى طلب دعوة جديدة من الشخص الذي دعاك.
error-unavailable-title = يتعذّر الوصول إلى خادم الدردشة حاليًا
error-unavailable-text = لم يُنشأ حسابك، ولا تزال دعوتك صالحة. يُرجى المحاولة مرة أخرى بعد بضع دقائق.
register-exists-title = حسابك { $jid } جاهز
register-exists-text = أُنشئ هذا الحساب بهذه الدعوة قبل لحظات. يمكنك فتح تطبيقك وتسجيل الدخول بكلمة المرور التي اخترتها حينها.
error-pending-title = جارٍ إعداد حسابك
error-pending-text = لم يستجب خادم الدردشة في الوقت المحدد، لذا لا نعرف بعد إن كان حسابك قد أُنشئ. يُرجى الانتظار دقيقة، ثم إرسال النموذج مرة أخرى باسم المستخدم وكلمة المرور نفسيهما.
error-confirmations-title = رسائل تأكيد كثيرة جدًا
error-confirmations-text = أُرسل إلى هذا العنوان، أو لهذه الدعوة، ما يكفي من رسائل التأكيد لهذا اليوم. يُرجى البحث عن الرسالة المرسلة سابقًا، أو المحاولة غدًا.
error-refused-title = لم يُنشئ خادم الدردشة الحساب
error-refused-text = لا تزال دعوتك صالحة. يُرجى المحاولة لاحقًا، أو إبلاغ الشخص الذي دعاك.
error-internal-title = حدث خطأ ما
error-internal-text = لا تزال دعوتك صالحة. يُرجى المحاولة لاحقًا.
error-ratelimit-title = طلبات كثيرة جدًا
error-ratelimit-text = يُرجى الانتظار دقيقة، ثم المحاولة مرة أخرى.
error-badrequest-title = تعذّر فهم هذا الطلب
error-badrequest-text = يُرجى الرجوع إلى الصفحة السابقة والمحاولة مرة أخرى.
error-forbidden-title = أُرسل هذا النموذج من موقع آخر
error-forbidden-text = لم يُقبل حرصًا على أمانك. يُرجى فتح رابط الدعوة مرة أخرى واستخدام النموذج الموجود في صفحته.
index-title = دعوات إلى { $domain }
index-text = تُنشئ هذه الخدمة حسابات على { $domain } لمن لديهم رابط دعوة. إذا كان لديك رابط، فما عليك إلا فتحه.
accept-title = هل لديك رمز دعوة؟
accept-code = رابط الدعوة أو رمزها
accept-code-hint = يمكنك لصق الرابط أو الرمز أو عنوان XMPP الذي وصلك.
accept-submit = فتح الدعوة
accept-empty = يُرجى لصق رابط دعوة أو رمزها أولًا.
accept-garbage = هذا ليس رابط دعوة ولا رمزها. يُرجى التأكد من نسخه كاملًا.

## رسالة إلى صاحب الدعوة (XMPP)
notify-accepted = قبِل { $jid } دعوتك.
notify-reset = عيّن { $jid } كلمة مرور جديدة باستخدام دعوة إعادة التعيين التي أرسلتها.
notify-reset-unknown = استخدم { $jid } دعوة إعادة التعيين التي أرسلتها، لكن الخادم لم يؤكد كلمة المرور الجديدة. إذا تعذّر عليه تسجيل الدخول، فيمكنك إرسال دعوة جديدة إليه.

## تأكيد من مستخدم على هذا الخادم
confirm-sent-title = رسالة بانتظارك
confirm-sent-text = أرسلنا رسالة تحتوي على رابط إلى { $address }. يُرجى فتح الرابط بعد تسجيل الدخول إلى ذلك الحساب، لتصبح جهات الاتصال متبادلة بينك وبين { $inviter }.
confirm-title = إضافة { $inviter } إلى جهات الاتصال؟
confirm-text = دعا { $inviter } العنوان { $address } إلى الدردشة. عند التأكيد، سيُضاف كلٌّ منكما إلى جهات اتصال الآخر.
confirm-button = تأكيد
confirm-done-title = أنت و{ $inviter } الآن جهتا اتصال
confirm-done-text = يظهر { $inviter } الآن في جهات الاتصال في تطبيقك.
confirm-request = دعاك { $inviter } إلى الدردشة. لقبول الدعوة وتبادل الإضافة إلى جهات الاتصال، يُرجى فتح هذا الرابط: { $url }
error-toolarge-title = هذا النموذج كبير جدًا
error-toolarge-text = ما أرسلته أطول من أي إجابة صالحة. يُرجى الرجوع واختصاره.
error-timeout-title = استغرق وصول هذا النموذج وقتًا طويلًا جدًا
error-timeout-text = كان الاتصال بطيئًا جدًا. يُرجى الرجوع وإرسال النموذج مرة أخرى.

## رسالة الدعوة بالبريد الإلكتروني
email-subject = دعوة من { $inviter } للدردشة على { $domain }
email-intro = وصلتك دعوة من { $inviter } للدردشة على { $domain }.
email-message-intro = الرسالة المرفقة بالدعوة:
email-link-intro = لقبول الدعوة، يُرجى فتح هذا الرابط واتباع الخطوات:
email-button = قبول الدعوة
email-expiry = يعمل الرابط حتى { $expires } (UTC). هذا الرابط لك وحدك: يُرجى عدم إعادة توجيه هذه الرسالة.
email-about = ما هذا؟ إنّ { $domain } خدمة دردشة تعتمد على XMPP، وهو معيار مفتوح للمراسلة: كما في البريد الإلكتروني، يمكن لمستخدمي الخدمات المختلفة التواصل فيما بينهم بالتطبيق الذي يختارونه. وتساعدك الصفحة التي يفتحها الرابط على اختيار تطبيق وإنشاء حسابك، أو استخدام عنوانك الحالي.
email-copy = هذه نسخة من الدعوة التي أرسلتها.
email-footer = وصلتك هذه الرسالة لأن { $inviter } أدخل عنوانك. إن لم يكن هذا الشخص معروفًا لك، فيمكنك تجاهل هذه الرسالة.
