# Landing pages of xmpp-invites, Japanese. Every string a visitor sees is here.
# Placeables are not isolated (the loader turns isolation marks off) because
# several of them are addresses and URLs.
# Register: polite です・ます. Japanese has no plural forms (CLDR: other only),
# so there are no selectors. Latin words and placeables are set off by spaces.

site-name = { $domain } への招待
lang-name = 日本語
# The name of the list of links to the page in other languages.
lang-switcher-label = 言語

## Dates: $year, $day (numbers), $month (the name below), $monthnum (1–12),
## $hour and $minute (two digits, 24-hour clock, UTC)
datetime = { $year }年{ $month }{ $day }日 { $hour }:{ $minute }
month-1 = 1月
month-2 = 2月
month-3 = 3月
month-4 = 4月
month-5 = 5月
month-6 = 6月
month-7 = 7月
month-8 = 8月
month-9 = 9月
month-10 = 10月
month-11 = 11月
month-12 = 12月

## 招待ページ
invite-title-account = { $domain } に招待されています
invite-title-account-by = { $inviter } から { $domain } への招待が届いています
invite-title-contact = { $inviter } からチャットの招待が届いています
invite-lead-account = { $domain } は、インスタントメッセージングのオープン標準である XMPP を使ったチャットサービスです。メールと同じように、どの XMPP サービスの相手ともチャットできます。
invite-lead-contact = インスタントメッセージングのオープン標準 XMPP に対応したアプリなら、どれでも { $inviter } とチャットできます。
invite-expires = この招待は { $date }（UTC）まで有効です。
invite-step-app = 1. アプリを入手
invite-step-app-platform = お使いのデバイスにおすすめ
invite-step-app-other = その他のデバイス
invite-step-open = 2. アプリで招待を開く
invite-open-button = アプリで招待を開く
invite-open-note = 「招待に対応」と表示されたアプリは、このリンクからすべて自動で設定されます。その他のアプリでは、下のブラウザでアカウントを作成してからログインしてください。
invite-open-note-manual = アプリから { $inviter } に、あなたを連絡先として承認するよう依頼が送られます。
invite-step-register = 2. アカウントを作成
invite-register-heading = ブラウザでアカウントを作成
invite-register-text = ここで { $domain } のアドレスを決めてから、お好きなアプリでそのアドレスを使ってログインしてください。
invite-register-button = アカウントを作成
invite-existing-heading = 既に XMPP アドレスをお持ちの方
invite-existing-text = 上のリンクをアプリで開いて { $inviter } を追加するか、あなたのアドレスを入力してください。入力すると { $inviter } がすぐにあなたを承認できます。
invite-existing-button = 今のアドレスを使う
invite-qr-heading = 別のデバイスで開きますか？
invite-qr-text = スマートフォンのカメラでこのコードを読み取ると、このページをスマートフォンで開けます。
invite-qr-label = このページのアドレスの QR コード
app-ready = 招待に対応
app-get = { $store } で { $name } を入手
platform-android = Android
platform-ios = iPhone・iPad
platform-windows = Windows
platform-macos = macOS
platform-linux = Linux
platform-web = ウェブブラウザ

## アプリの説明（クライアント ID）
client-conversations = かんたんで安全な Android 向けメッセンジャー。招待リンクに対応しています。
client-snikket = シンプルでプライバシーを守る Android 向けメッセンジャー。招待リンクに対応しています。
client-monal = iPhone・iPad・Mac 向けの XMPP アプリ。招待リンクに対応しています。
client-siskin = iPhone・iPad 向けの軽量な XMPP アプリです。
client-gajim = Windows・Linux 向けの多機能な XMPP アプリです。
client-dino = Linux デスクトップ向けのモダンな XMPP アプリです。
client-beagle = Mac 向けの XMPP アプリです。
client-movim = ウェブブラウザで使える XMPP。インストールは不要です。

## 登録
register-title = { $domain } でアカウントを作成
register-fixed = この招待はアドレス { $jid } 専用です。
register-username = ユーザー名
register-username-hint = 英字、数字、. _ - は問題なく使えます。アドレスは「ユーザー名@{ $domain }」になります。
register-password = パスワード
register-password-hint = { $min } 文字以上で入力してください。
register-confirm = パスワード（確認）
register-submit = アカウントを作成
register-done-title = ようこそ、{ $jid }！
register-done-text = アカウントの準備ができました。アプリをインストールし、このアドレスと今決めたパスワードでログインしてください。
register-done-contact = { $inviter } は既に連絡先に追加されています。
register-done-address = あなたのアドレス

## 既存のアドレス
existing-title = { $inviter } とチャット
existing-text = XMPP アドレスを入力すると、{ $inviter } がすぐにあなたを承認できます。
existing-address = あなたの XMPP アドレス
existing-address-hint = 例：name@example.org
existing-submit = 続ける
accepted-title = あと少しです
accepted-text = { $inviter } はあなたを自動的に承認します。次に、アプリで { $inviter } を連絡先に追加してください：
accepted-button = アプリで { $inviter } を追加
group-joined-title = 「{ $group }」に参加しました
group-joined-text = 「{ $group }」のメンバー全員の連絡先に、既にあなたが追加されています。アプリで一人ずつ追加すると、お互いが表示されるようになります：
group-add-button = アプリで { $member } を追加
group-joined-manual = ボタンを押しても何も起きない場合は、その人を「{ $group }」という名前のグループに、手動で連絡先として追加してください。
group-landing-note = これはグループ「{ $group }」への招待です。参加した人は全員、グループの他のメンバー全員と連絡先になります。
accepted-manual = ボタンを押しても何も起きない場合は、アプリで { $inviter } を手動で連絡先に追加してください。

## 入力エラー
error-summary = 下の印が付いた項目を修正してください。
error-username-empty = ユーザー名を入力してください。
error-username-invalid = このユーザー名には XMPP アドレスに使えない文字が含まれているか、長すぎます。
error-username-fixed = この招待で作成できるのはアカウント { $username } だけです。
error-username-reserved = このユーザー名は別の人のために予約されています。
error-username-long = ユーザー名は { $max } 文字以内にしてください。
error-username-notallowed = このユーザー名はサーバー用に予約されています。別の名前を選んでください。
error-username-taken = このユーザー名は既に使われています。別の名前を選んでください。
error-password-short = パスワードは { $min } 文字以上にしてください。
error-password-long = パスワードは { $max } 文字以内にしてください。
error-password-username = ユーザー名と同じパスワードは使えません。
error-password-mismatch = 2 つのパスワードが一致しません。
error-password-chars = パスワードに使えない文字（制御文字や書式設定用の文字）が含まれています。もう一度入力してください。
error-password-server = このチャットサーバーは、このパスワードに含まれる一部の文字（絵文字など）を保存できません。それらを含まないパスワードを選んでください。
error-address-invalid = XMPP アドレスではありません（name@example.org の形式で入力してください）。
error-address-inviter = これはあなたを招待した人のアドレスです。
error-form-expired = このフォームの有効期限が切れました。もう一度送信してください。

## パスワードの再設定
reset-title = { $jid } の新しいパスワードを設定
reset-lead = アカウント { $jid } の新しいパスワードを決めてください。連絡先やメッセージはそのまま残ります。
reset-expires = このリンクは { $date }（UTC）まで有効で、1 回だけ使えます。
reset-account = あなたのアドレス
reset-password = 新しいパスワード
reset-submit = パスワードを設定
reset-done-title = 新しいパスワードを設定しました
reset-done-text = 新しいパスワードで { $jid } にログインしてください。古いパスワードでログインしたままのアプリでは、新しいパスワードの入力を求められます。
reset-unknown-title = 新しいパスワードを確認できませんでした
reset-unknown-text = チャットサーバーから時間内に応答がなかったため、新しいパスワードが設定されたかどうか分かりません。新しいパスワードでログインを試し、だめなら古いパスワードで試してください。このリンクは使用済みです。どちらでもログインできない場合は、新しいリンクを依頼してください。
reset-unavailable-text = パスワードは変更されておらず、このリンクはまだ使えます。数分後にもう一度お試しください。
reset-refused-title = チャットサーバーでパスワードが変更されませんでした
reset-refused-text = パスワードは変更されておらず、このリンクはまだ使えます。後でもう一度お試しいただくか、リンクを送ってくれた人にお知らせください。
reset-noaccount-title = このアカウントはもう存在しません
reset-noaccount-text = パスワードを設定するアカウントがありません。このリンクを送ってくれた人に問い合わせてください。

## 無効な招待とエラー
dead-notfound-title = 招待が見つかりません
dead-notfound-text = この招待リンクは無効です。リンク全体をコピーしたか確認するか、新しい招待を依頼してください。
dead-expired-title = この招待は有効期限が切れています
dead-expired-text = 招待には有効期限があります。招待してくれた人に新しい招待を依頼してください。
dead-used-title = この招待は既に使われています
dead-used-text = 各招待を使える回数には上限があります。招待してくれた人に新しい招待を依頼してください。
error-unavailable-title = 現在チャットサーバーに接続できません
error-unavailable-text = アカウントは作成されておらず、招待はまだ有効です。数分後にもう一度お試しください。
register-exists-title = アカウント { $jid } の準備ができています
register-exists-text = 先ほどこの招待で作成されました。アプリを開き、そのとき決めたパスワードでログインしてください。
error-pending-title = アカウントを準備しています
error-pending-text = チャットサーバーから時間内に応答がなかったため、アカウントが作成されたかどうかまだ分かりません。1 分ほど待ってから、同じユーザー名とパスワードでもう一度フォームを送信してください。
error-confirmations-title = 確認メッセージが多すぎます
error-confirmations-text = このアドレス、またはこの招待に送信できる本日の確認メッセージは上限に達しました。既に届いているメッセージを探すか、明日もう一度お試しください。
error-refused-title = チャットサーバーでアカウントが作成されませんでした
error-refused-text = 招待はまだ有効です。後でもう一度お試しいただくか、招待してくれた人にお知らせください。
error-internal-title = 問題が発生しました
error-internal-text = 招待はまだ有効です。後でもう一度お試しください。
error-ratelimit-title = リクエストが多すぎます
error-ratelimit-text = 1 分ほど待ってから、もう一度お試しください。
error-badrequest-title = リクエストを解釈できませんでした
error-badrequest-text = 前のページに戻って、もう一度お試しください。
error-forbidden-title = このフォームは別のサイトから送信されました
error-forbidden-text = 安全のため受け付けませんでした。招待リンクをもう一度開き、そのページのフォームを使ってください。
index-title = { $domain } への招待
index-text = このサービスでは、招待リンクを持っている人のために { $domain } のアカウントを作成します。招待リンクをお持ちの場合は、そのリンクを開いてください。
accept-title = 招待コードをお持ちですか？
accept-code = 招待リンクまたはコード
accept-code-hint = 送られてきたリンク、コード、または xmpp: アドレスを貼り付けてください。
accept-submit = 招待を開く
accept-empty = 先に招待リンクまたはコードを貼り付けてください。
accept-garbage = 招待リンクまたはコードではありません。すべてコピーできているか確認してください。

## 招待した人へのメッセージ（XMPP）
notify-accepted = { $jid } があなたの招待を承諾しました。
notify-reset = { $jid } があなたのパスワード再設定用の招待で新しいパスワードを設定しました。
notify-reset-unknown = { $jid } があなたのパスワード再設定用の招待を使いましたが、サーバーで新しいパスワードを確認できませんでした。ログインできない場合は、新しい招待を送ってください。

## このサーバーのユーザーによる確認
confirm-sent-title = メッセージを確認してください
confirm-sent-text = { $address } にリンク付きのメッセージを送信しました。そのアカウントにログインした状態でリンクを開くと、{ $inviter } と連絡先になります。
confirm-title = { $inviter } と連絡先になりますか？
confirm-text = { $inviter } が { $address } をチャットに招待しました。確認すると、お互いの連絡先に追加されます。
confirm-button = 確認
confirm-done-title = { $inviter } と連絡先になりました
confirm-done-text = アプリを開いてください。{ $inviter } が連絡先に追加されています。
confirm-request = { $inviter } からチャットの招待が届いています。承諾して連絡先になるには、次のリンクを開いてください：{ $url }
error-toolarge-title = フォームの内容が大きすぎます
error-toolarge-text = 送信された内容が、有効な入力として考えられる長さを超えています。前のページに戻って短くしてください。
error-timeout-title = フォームの受信に時間がかかりすぎました
error-timeout-text = 接続が遅すぎました。前のページに戻って、もう一度フォームを送信してください。

## 招待メール
email-subject = { $inviter } から { $domain } でのチャットへの招待
email-intro = { $inviter } から、{ $domain } でのチャットに招待されています。
email-message-intro = メッセージ：
email-link-intro = 招待を受けるには、次のリンクを開いて手順に従ってください：
email-button = 招待を受ける
email-expiry = このリンクは { $expires }（UTC）まで有効です。あなた専用のリンクなので、このメールを転送しないでください。
email-about = これは何？ { $domain } は、メッセージングのオープン標準である XMPP を使ったチャットサービスです。メールと同じように、異なるサービスの利用者どうしが、好きなアプリで会話できます。リンク先のページでは、アプリ選びとアカウントの作成、または今お持ちのアドレスの利用をご案内します。
email-copy = これはあなたが送信した招待のコピーです。
email-footer = このメールは、{ $inviter } があなたのアドレスを入力したため送信されました。心当たりがない場合は、このメールを無視してください。
