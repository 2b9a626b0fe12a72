# What the component says over XMPP, Arabic: command names (disco#items),
# form titles, instructions, field and option labels, notes and error texts.
# Node names and form field names (vars) are machine names and stay as
# they are; only what a person reads is here. The notification texts
# (notify-*, confirm-request) are in main.ftl.
# Modern Standard Arabic and terms as in main.ftl ("دعوة", "حساب",
# "جهات الاتصال", "تطبيق"), addressing the reader neutrally: command names
# are verbal nouns, requests use "يُرجى" or "يمكنك" rather than gendered
# imperatives. Western digits throughout. Plurals use the CLDR categories
# zero / one / two / few / many / other; limits are phrased as
# "the number … reached N" where Arabic reads best without a plural form.

## Command names, as listed by a client

cmd-invite = دعوة مستخدم
cmd-create-account = إنشاء حساب
cmd-group = إنشاء دعوة إلى مجموعة
cmd-list = دعواتي
cmd-reset = دعوة إعادة تعيين كلمة المرور
cmd-list-identity = الأوامر

## Durations offered in the lifetime lists

lifetime-1h = ساعة واحدة
lifetime-1d = يوم واحد
lifetime-7d = أسبوع واحد
lifetime-30d = 30 يومًا

## The XEP-0401 result form and the invite commands

field-uri = عنوان URI للدعوة
field-landing-url = رابط الدعوة على الويب
field-expire = صالحة حتى (UTC)
field-email = البريد الإلكتروني الذي تُرسل إليه الدعوة (اختياري)
field-message = رسالة شخصية ترافق البريد (اختياري، لا تزيد على { $max ->
        [zero] { $max } حرف
        [one] حرف واحد
        [two] حرفين
        [few] { $max } أحرف
        [many] { $max } حرفًا
       *[other] { $max } حرف
    })
field-copy-to = إرسال نسخة إليّ على عنوان البريد هذا (اختياري، لا يُحفظ)
field-username = اسم المستخدم (اختياري؛ يُحجز لهذه الدعوة)
field-roster-subscription = تبادل الإضافة إلى جهات الاتصال بيني وبين الحساب الجديد
field-lifetime = مدة الصلاحية
field-uses-account = عدد الحسابات التي يمكن إنشاؤها (من 1 إلى { $max }؛ و1 عند تحديد اسم مستخدم)
field-note = ملاحظة للمشرفين (لا يراها الشخص المدعو)

form-invite-created = تم إنشاء الدعوة
form-invite-created-instructions = يمكنك إرسال الرابط بنفسك، أو إدخال عنوان بريد إلكتروني لنرسله نيابةً عنك.
form-create-account = إنشاء دعوة لحساب جديد
form-create-account-instructions = يمكن ترك اسم المستخدم فارغًا ليختار الشخص المدعو اسمه بنفسه.

note-invite-created = تم إنشاء الدعوة. يُرجى إرسال هذا الرابط إلى الشخص المدعو: { $url } (صالح حتى { $expires })
note-email-queued = رسالة الدعوة في طريقها إلى البريد؛ ويمكن معرفة ما إذا وصلت من «دعواتي».

## The group-invite command

field-group = اسم المجموعة (مجموعة جهات الاتصال التي يُضاف إليها كل من ينضم)
field-uses-group = عدد الأشخاص الذين يمكنهم الانضمام (من 1 إلى { $max })
field-lifetime-free = مدة الصلاحية (مثل 1d أو 7d)
form-group = إنشاء دعوة إلى مجموعة
form-group-instructions = كل من ينضم بهذه الدعوة يصبح جهة اتصال لك ولكل من انضم قبله.
note-group-created = تم إنشاء دعوة إلى المجموعة «{ $group }». يُرجى مشاركة هذا الرابط مع من سينضمون: { $url } (صالح حتى { $expires })

## My invites (#list)

field-creator = المُنشئ (فارغ: أي شخص)
field-kind = النوع
field-invites = الدعوات
field-action = الإجراء
option-kind-any = أي نوع
option-kind-account = حساب
option-kind-contact = جهة اتصال
option-kind-account-and-contact = حساب وجهة اتصال
option-kind-reset = إعادة تعيين كلمة المرور
option-revoke = إلغاء
option-resend = إعادة إرسال البريد (برابط جديد)
form-filter = الدعوات
form-filter-instructions = الدعوات السارية المطلوب عرضها.
form-list-admin = الدعوات السارية
form-list = دعواتي
form-list-instructions =
    { $count ->
        [zero] لا توجد دعوات سارية.
        [one] دعوة سارية واحدة. يُرجى اختيار ما يُراد إلغاؤه، ثم المتابعة للتأكيد.
        [two] دعوتان ساريتان. يُرجى اختيار ما يُراد إلغاؤه منهما، ثم المتابعة للتأكيد.
        [few] { $count } دعوات سارية. يُرجى اختيار ما يُراد إلغاؤه منها، ثم المتابعة للتأكيد.
        [many] { $count } دعوةً سارية. يُرجى اختيار ما يُراد إلغاؤه منها، ثم المتابعة للتأكيد.
       *[other] { $count } دعوة سارية. يُرجى اختيار ما يُراد إلغاؤه منها، ثم المتابعة للتأكيد.
    }
form-revoke = إلغاء الدعوات
form-revoke-instructions =
    { $count ->
        [one] إلغاء هذه الدعوة؟ سيتوقف رابطها عن العمل فورًا.
        [two] إلغاء هاتين الدعوتين؟ سيتوقف رابطاهما عن العمل فورًا.
       *[other] إلغاء هذه الدعوات ({ $count })؟ ستتوقف روابطها عن العمل فورًا.
    }
form-resend = إعادة إرسال الدعوات
form-resend-instructions =
    { $count ->
        [one] إعادة إرسال هذه الدعوة بالبريد؟ ستحصل على رابط جديد، ويتوقف الرابط القديم عن العمل.
        [two] إعادة إرسال هاتين الدعوتين بالبريد؟ ستحصل كلٌّ منهما على رابط جديد، ويتوقف الرابط القديم عن العمل.
       *[other] إعادة إرسال هذه الدعوات ({ $count }) بالبريد؟ ستحصل كلٌّ منها على رابط جديد، ويتوقف الرابط القديم عن العمل.
    }
note-no-invites = لا توجد دعوات سارية.
note-select-one = يُرجى اختيار دعوة واحدة على الأقل.
note-not-listed = «{ $value }» ليست من الدعوات المعروضة.
note-resending = جارٍ إعادة الإرسال: { $ids }.
note-revoked =
    { $count ->
        [zero] لم تُلغَ أي دعوة.
        [one] تم إلغاء دعوة واحدة: { $ids }.
        [two] تم إلغاء دعوتين: { $ids }.
        [few] تم إلغاء { $count } دعوات: { $ids }.
        [many] تم إلغاء { $count } دعوةً: { $ids }.
       *[other] تم إلغاء { $count } دعوة: { $ids }.
    }
note-email-off = البريد الإلكتروني غير مُعَدّ على هذه الخدمة.
note-invite-error = { $id }: { $error }

# One line per invite in the list. $kind is one of the option-kind-* words.
# "الاستخدامات المتبقية: 3 من 5" needs no plural form of its own.
summary-invite = #{ $id } ({ $kind })، أُنشئت في { $created }، تنتهي في { $expires }، الاستخدامات المتبقية: { $left } من { $max }
summary-by = ، المُنشئ: { $jid }
summary-for = ، محجوزة لاسم المستخدم { $username }
summary-note = ، ملاحظة: { $note }
summary-joined = ، انضمّ بها: { $jids }
summary-emailed = ، أُرسلت بالبريد إلى { $address } (مرات الإرسال: { $sends }): { $status }
summary-email-sending = جارٍ الإرسال
summary-email-retrying = لم تُسلَّم بعد ({ $error })
summary-email-sent = أُرسلت في { $at }
summary-email-failed = فشل الإرسال: { $error }

## Password reset invite (#reset)

field-account = الحساب (اسم المستخدم أو العنوان)
field-note-admins = ملاحظة للمشرفين
form-reset = دعوة إعادة تعيين كلمة المرور
form-reset-instructions = رابط يُستخدم مرة واحدة، تتيح صفحته لصاحب الحساب تعيين كلمة مرور جديدة.
note-reset-created = تم إنشاء دعوة إعادة تعيين كلمة المرور للحساب { $username }. يُرجى إرسال هذا الرابط إلى صاحب الحساب: { $url } (صالح حتى { $expires })
error-reset-account-missing = يُرجى تحديد الحساب المراد إعادة تعيين كلمة مروره.
error-reset-not-ours = «{ $account }» ليس حسابًا على { $domain }
error-reset-no-account = لا يوجد حساب بالعنوان { $jid }.

## Problems with what was submitted

error-not-boolean = { $field }: القيمة «{ $value }» ليست «نعم» ولا «لا»
error-not-number = { $field }: القيمة «{ $value }» ليست عددًا صحيحًا
error-not-duration = { $field }: القيمة «{ $value }» ليست مدة (مثل 1h أو 1d أو 7d)
error-not-jid = { $field }: القيمة «{ $value }» ليست عنوانًا مثل name@example.org
error-unknown-value = { $field }: القيمة «{ $value }» ليست من الخيارات المتاحة
error-group-required = group: اسم المجموعة مطلوب
error-group-empty = اسم المجموعة فارغ.
error-group-long = اسم المجموعة أطول من { $max ->
        [zero] { $max } حرف
        [one] حرف واحد
        [two] حرفين
        [few] { $max } أحرف
        [many] { $max } حرفًا
       *[other] { $max } حرف
    }.
error-group-control = يحتوي اسم المجموعة على أحرف تحكّم.
error-mint-username = لا يمكن أن يكون «{ $username }» اسم مستخدم: يُرجى إدخال الجزء الذي يسبق @ فقط، دون مسافات أو أحرف تحكّم، وبما لا يزيد على { $max ->
        [zero] { $max } حرف
        [one] حرف واحد
        [two] حرفين
        [few] { $max } أحرف
        [many] { $max } حرفًا
       *[other] { $max } حرف
    }.
error-mint-username-reserved = اسم المستخدم «{ $username }» محجوز بالفعل لدعوة أخرى.
error-mint-username-notallowed = اسم المستخدم «{ $username }» محجوز لأدوار الخادم نفسه ولمشرفيه.
error-mint-lifetime = يجب أن تكون مدة الصلاحية بين دقيقة واحدة و{ $max }.
error-mint-uses = يجب أن يكون عدد الاستخدامات بين 1 و{ $max }.
error-mint-uses-username = الدعوة المحجوز لها اسم مستخدم تُنشئ حسابًا واحدًا فقط: يُرجى جعل عدد الاستخدامات 1، أو ترك اسم المستخدم فارغًا.
error-mint-note = الملاحظة أطول من { $max ->
        [zero] { $max } حرف
        [one] حرف واحد
        [two] حرفين
        [few] { $max } أحرف
        [many] { $max } حرفًا
       *[other] { $max } حرف
    }.
error-quota-live = بلغ عدد دعواتك السارية { $limit }، وهو الحد الأقصى المسموح به؛ ويتاح مكان لدعوة جديدة عند استخدام إحداها، أو عند إلغائها (من «دعواتي»)، أو في { $frees } عند انتهاء صلاحية أقربها انتهاءً.
error-quota-daily = بلغ عدد الدعوات التي أنشأتها خلال آخر 24 ساعة { $limit }، وهو الحد الأقصى المسموح به؛ ويمكن إنشاء الدعوة التالية في { $frees }.
error-email-address = يبدو أن عنوان البريد الإلكتروني هذا غير صحيح.
error-email-copy = يبدو أن العنوان المخصص لنسختك غير صحيح.
error-email-long = الرسالة أطول من { $max ->
        [zero] { $max } حرف
        [one] حرف واحد
        [two] حرفين
        [few] { $max } أحرف
        [many] { $max } حرفًا
       *[other] { $max } حرف
    }.
error-email-control = تحتوي الرسالة على أحرف تحكّم.
error-email-limit-inviter = بلغ عدد رسائل الدعوة التي أرسلتها اليوم { $count }، وهو الحد الأقصى المسموح به؛ يُرجى المحاولة لاحقًا.
error-email-limit-recipient = بلغ عدد رسائل الدعوة التي تلقّاها هذا العنوان اليوم { $count }، وهو الحد الأقصى المسموح به؛ يُرجى المحاولة لاحقًا.
error-email-limit-resends = أُعيد إرسال هذه الدعوة { $count ->
        [zero] { $count } مرة
        [one] مرة واحدة
        [two] مرتين
        [few] { $count } مرات
        [many] { $count } مرةً
       *[other] { $count } مرة
    }، وهذا هو الحد الأقصى المسموح به.
error-email-not-emailed = لم تُرسل هذه الدعوة بالبريد الإلكتروني.
error-email-already = أُرسلت هذه الدعوة بالبريد الإلكتروني من قبل: يمكن إعادة إرسالها من «دعواتي».
error-email-not-live = لم تعد هذه الدعوة سارية.
error-invite-not-found = لا توجد الدعوة { $id } بين الدعوات التي يمكنك إدارتها.

## Refusals

error-denied-not-local = إنشاء الدعوات هنا متاح لمستخدمي { $domain } فقط.
error-denied-not-admin = إنشاء دعوات الحسابات متاح لمشرفي { $domain } فقط.
error-denied-contact-off = دعوات جهات الاتصال معطّلة على { $domain }؛ يُرجى التواصل مع أحد المشرفين.
error-denied-group = إنشاء الدعوات إلى المجموعات متاح لمشرفي { $domain } فقط.
error-denied-reset = إنشاء دعوات إعادة تعيين كلمة المرور متاح لمشرفي { $domain } فقط.
error-manage-not-local = إدارة الدعوات هنا متاحة لمستخدمي { $domain } فقط.

## Protocol errors (stanza error texts)

error-command-unavailable = هذا الأمر غير متاح.
error-no-such-command = لا يوجد أمر بهذا الاسم.
error-no-such-node = لا توجد عقدة بهذا الاسم.
error-bad-action = هذا الإجراء غير مسموح به في هذه المرحلة.
error-malformed-action = إجراء غير معروف.
error-bad-session = جلسة غير معروفة.
error-session-expired = انتهت صلاحية جلسة الأمر هذه؛ يُرجى البدء من جديد.
error-needs-form = تتطلب هذه المرحلة إرسال نموذج بيانات.
error-unexpected-stage = مرحلة غير متوقعة.
error-too-many-sessions = جلسات الأوامر المفتوحة كثيرة جدًا؛ يُرجى إنهاء إحداها أو إلغاؤها أولًا.
error-internal = حدث خطأ داخلي في خدمة الدعوات؛ يُرجى المحاولة لاحقًا.
error-invite-token = invite-token: مفقود أو غير صالح الصيغة أو ليس من دعواتك
note-not-emailed = لم تُرسل الدعوة بالبريد: { $error } يُرجى إرسال الرابط بنفسك.
