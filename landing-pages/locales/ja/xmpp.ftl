# What the component says over XMPP, Japanese: command names (disco#items),
# form titles, instructions, field and option labels, notes and error texts.
# Node names and form field names (vars) are machine names and stay as
# they are; only what a person reads is here. The notification texts
# (notify-*, confirm-request) are in main.ftl.
# Register and terms as in main.ftl: polite です・ます, 「招待」「アカウント」
# 「連絡先」「アプリ」. Japanese has no plural forms (CLDR: other only), so
# there are no selectors. Latin words and placeables are set off by spaces.

## Command names, as listed by a client

cmd-invite = ユーザーを招待
cmd-create-account = アカウントを作成
cmd-group = グループ招待を作成
cmd-list = 自分の招待
cmd-reset = パスワード再設定用の招待
cmd-list-identity = コマンド

## Durations offered in the lifetime lists

lifetime-1h = 1 時間
lifetime-1d = 1 日
lifetime-7d = 1 週間
lifetime-30d = 30 日

## The XEP-0401 result form and the invite commands

field-uri = 招待 URI
field-landing-url = 招待のウェブリンク
field-expire = 有効期限（UTC）
field-email = 招待の送信先メールアドレス（任意）
field-message = メールに添えるメッセージ（任意、{ $max } 文字以内）
field-copy-to = 控えを送るメールアドレス（任意、保存されません）
field-username = ユーザー名（任意。この招待用に予約されます）
field-roster-subscription = 新しいアカウントと自分を互いの連絡先に追加する
field-lifetime = 有効期間
field-uses-account = 作成できるアカウント数（1〜{ $max }。ユーザー名を指定した場合は 1）
field-note = 管理者向けメモ（招待された人には表示されません）

form-invite-created = 招待を作成しました
form-invite-created-instructions = リンクをご自分で送るか、メールアドレスを入力していただければこちらから送信します。
form-create-account = アカウント招待を作成
form-create-account-instructions = ユーザー名を空欄にすると、招待された人が自分で選べます。

note-invite-created = 招待を作成しました。招待する相手にこのリンクを送ってください：{ $url }（{ $expires } まで有効）
note-email-queued = 招待メールを送信しています。配信されたかどうかは「自分の招待」で確認できます。

## The group-invite command

field-group = グループ名（参加した人が全員入る連絡先グループ）
field-uses-group = 参加できる人数（1〜{ $max }）
field-lifetime-free = 有効期間（例：1d、7d）
form-group = グループ招待を作成
form-group-instructions = この招待で参加した人は全員、あなたと、それまでに参加した全員の連絡先になります。
note-group-created = 「{ $group }」へのグループ招待を作成しました。参加する人にこのリンクを共有してください：{ $url }（{ $expires } まで有効）

## My invites (#list)

field-creator = 作成者（空欄ならすべて）
field-kind = 種類
field-invites = 招待
field-action = 操作
option-kind-any = すべて
option-kind-account = アカウント
option-kind-contact = 連絡先
option-kind-account-and-contact = アカウントと連絡先
option-kind-reset = パスワード再設定
option-revoke = 取り消す
option-resend = メールを再送信する（新しいリンクで）
form-filter = 招待
form-filter-instructions = 一覧に表示する有効な招待を選んでください。
form-list-admin = 有効な招待
form-list = 自分の招待
form-list-instructions = 有効な招待が { $count } 件あります。取り消すものを選び、次へ進んで確認してください。
form-revoke = 招待の取り消し
form-revoke-instructions = { $count } 件の招待を取り消しますか？リンクはすぐに使えなくなります。
form-resend = 招待の再送信
form-resend-instructions = { $count } 件の招待をメールで再送信しますか？それぞれ新しいリンクになり、古いリンクは使えなくなります。
note-no-invites = 有効な招待はありません。
note-select-one = 招待を 1 件以上選んでください。
note-not-listed = 「{ $value }」は一覧にある招待ではありません。
note-resending = 再送信します：{ $ids }
note-revoked = { $count } 件の招待を取り消しました：{ $ids }
note-email-off = このサービスではメールが設定されていません。
note-invite-error = { $id }：{ $error }

# One line per invite in the list. $kind is one of the option-kind-* words.
summary-invite = #{ $id }（{ $kind }）、作成：{ $created }、有効期限：{ $expires }、残り回数：{ $left }/{ $max }
summary-by = 、作成者：{ $jid }
summary-for = 、ユーザー名：{ $username }
summary-note = 、メモ：{ $note }
summary-joined = 、参加者：{ $jids }
summary-emailed = 、メール送信先：{ $address }（送信 { $sends } 回）：{ $status }
summary-email-sending = 送信中
summary-email-retrying = まだ配信されていません（{ $error }）
summary-email-sent = { $at } に送信済み
summary-email-failed = 失敗：{ $error }

## Password reset invite (#reset)

field-account = アカウント（ユーザー名またはアドレス）
field-note-admins = 管理者向けメモ
form-reset = パスワード再設定用の招待
form-reset-instructions = 1 回だけ使えるリンクです。リンク先のページで、アカウントの持ち主が新しいパスワードを設定できます。
note-reset-created = { $username } のパスワード再設定用の招待を作成しました。アカウントの持ち主にこのリンクを送ってください：{ $url }（{ $expires } まで有効）
error-reset-account-missing = パスワードを再設定するアカウントを指定してください。
error-reset-not-ours = 「{ $account }」は { $domain } のアカウントではありません
error-reset-no-account = アカウント { $jid } は存在しません。

## Problems with what was submitted

error-not-boolean = { $field }：「{ $value }」は「はい」でも「いいえ」でもありません
error-not-number = { $field }：「{ $value }」は整数ではありません
error-not-duration = { $field }：「{ $value }」は期間ではありません（1h、1d、7d のように指定してください）
error-not-jid = { $field }：「{ $value }」は name@example.org のようなアドレスではありません
error-unknown-value = { $field }：「{ $value }」は選択肢にありません
error-group-required = group：グループ名は必須です
error-group-empty = グループ名が空です。
error-group-long = グループ名が { $max } 文字を超えています。
error-group-control = グループ名に制御文字が含まれています。
error-mint-username = 「{ $username }」はユーザー名として使えません。@ より前の部分だけを、空白や制御文字を含めず { $max } 文字以内で指定してください。
error-mint-username-reserved = ユーザー名「{ $username }」は既に別の招待で予約されています。
error-mint-username-notallowed = ユーザー名「{ $username }」はサーバー自身の役割や管理者用に予約されています。
error-mint-lifetime = 有効期間は 1 分から { $max } までの範囲で指定してください。
error-mint-uses = 使用回数は 1〜{ $max } の範囲で指定してください。
error-mint-uses-username = ユーザー名を予約した招待で作成できるアカウントは 1 つだけです。使用回数を 1 にするか、ユーザー名を空欄にしてください。
error-mint-note = メモが { $max } 文字を超えています。
error-quota-live = 有効な招待が既に上限の { $limit } 件あります。招待が使われたとき、招待を取り消したとき（「自分の招待」）、または最初の招待の期限が切れる { $frees } に、1 件分の空きができます。
error-quota-daily = 過去 24 時間に作成した招待が上限の { $limit } 件に達しました。次の招待は { $frees } から作成できます。
error-email-address = メールアドレスが正しくないようです。
error-email-copy = 控えの送信先アドレスが正しくないようです。
error-email-long = メッセージが { $max } 文字を超えています。
error-email-control = メッセージに制御文字が含まれています。
error-email-limit-inviter = 本日送信した招待メールが上限の { $count } 通に達しました。後でもう一度お試しください。
error-email-limit-recipient = このアドレスが本日受け取った招待メールが上限の { $count } 通に達しました。後でもう一度お試しください。
error-email-limit-resends = この招待の再送信は既に上限の { $count } 回に達しています。
error-email-not-emailed = この招待はメールで送信されていません。
error-email-already = この招待は既にメールで送信されています。再送信は「自分の招待」から行ってください。
error-email-not-live = この招待はもう有効ではありません。
error-invite-not-found = 管理できる招待の中に { $id } はありません。

## Refusals

error-denied-not-local = ここで招待を作成できるのは { $domain } のユーザーだけです。
error-denied-not-admin = アカウント招待を作成できるのは { $domain } の管理者だけです。
error-denied-contact-off = { $domain } では連絡先の招待が無効になっています。管理者にお問い合わせください。
error-denied-group = グループ招待を作成できるのは { $domain } の管理者だけです。
error-denied-reset = パスワード再設定用の招待を作成できるのは { $domain } の管理者だけです。
error-manage-not-local = ここで招待を管理できるのは { $domain } のユーザーだけです。

## Protocol errors (stanza error texts)

error-command-unavailable = このコマンドは利用できません。
error-no-such-command = そのようなコマンドはありません。
error-no-such-node = そのようなノードはありません。
error-bad-action = この段階ではその操作はできません。
error-malformed-action = 不明な操作です。
error-bad-session = 不明なセッションです。
error-session-expired = このコマンドのセッションは期限切れです。最初からやり直してください。
error-needs-form = この段階ではデータフォームを送信する必要があります。
error-unexpected-stage = 想定外の段階です。
error-too-many-sessions = 開いているコマンドセッションが多すぎます。先にどれかを完了するか、キャンセルしてください。
error-internal = 招待サービスで内部エラーが発生しました。後でもう一度お試しください。
error-invite-token = invite-token：指定されていないか、形式が正しくないか、あなたの招待ではありません
note-not-emailed = メールは送信されませんでした：{ $error } リンクはご自分で送ってください。
