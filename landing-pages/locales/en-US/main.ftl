# Landing pages of xmpp-invites. Every string a visitor sees is here.
# Placeables are not isolated (the loader turns isolation marks off) because
# several of them are addresses and URLs.

site-name = Invitations to { $domain }
lang-name = English
# The name of the list of links to the page in other languages.
lang-switcher-label = Language

## Dates: $year, $day (numbers), $month (the name below), $monthnum (1–12),
## $hour and $minute (two digits, 24-hour clock, UTC)
datetime = { $month } { $day }, { $year }, { $hour }:{ $minute }
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December

## Landing page
invite-title-account = You are invited to join { $domain }
invite-title-account-by = { $inviter } invites you to join { $domain }
invite-title-contact = { $inviter } invites you to chat
invite-lead-account = { $domain } is a chat service on XMPP, the open standard for instant messaging. You can chat with anyone on any XMPP service, like email.
invite-lead-contact = Chat with { $inviter } using any XMPP app: the open standard for instant messaging.
invite-expires = This invite is valid until { $date } (UTC).
invite-step-app = 1. Get an app
invite-step-app-platform = Recommended for your device
invite-step-app-other = Other devices
invite-step-open = 2. Open the invite in the app
invite-open-button = Open the invite in your app
invite-open-note = The apps marked “invite ready” set everything up from this link. With other apps, create your account in the browser below, then log in.
invite-open-note-manual = Your app will ask { $inviter } to accept you as a contact.
invite-step-register = 2. Create your account
invite-register-heading = Create an account in the browser
invite-register-text = Choose an address on { $domain } here, then log in with it in any app.
invite-register-button = Create my account
invite-existing-heading = I already have an XMPP address
invite-existing-text = Open the link above in your app and add { $inviter }, or tell us your address so { $inviter } is ready to accept you.
invite-existing-button = Use my existing address
invite-qr-heading = On another device?
invite-qr-text = Scan this code with your phone's camera to open this page there.
invite-qr-label = QR code of this page's address
app-ready = invite ready
app-get = Get { $name } from { $store }
platform-android = Android
platform-ios = iPhone and iPad
platform-windows = Windows
platform-macos = macOS
platform-linux = Linux
platform-web = Web browser

## App descriptions (client-ID)
client-conversations = Easy and secure messaging for Android; understands invite links.
client-snikket = Simple, private messaging for Android; understands invite links.
client-monal = The XMPP app for iPhone, iPad and Mac; understands invite links.
client-siskin = A lightweight XMPP app for iPhone and iPad.
client-gajim = A full-featured XMPP app for Windows and Linux.
client-dino = A modern XMPP app for the Linux desktop.
client-beagle = An XMPP app for the Mac.
client-movim = XMPP in your web browser, with no install.

## Registration
register-title = Create your account on { $domain }
register-fixed = This invite is for the address { $jid }.
register-username = Username
register-username-hint = Letters, digits and . _ - are safe. Your address will be username@{ $domain }.
register-password = Password
register-password-hint = At least { $min } characters.
register-confirm = Password again
register-submit = Create account
register-done-title = Welcome, { $jid }!
register-done-text = Your account is ready. Install an app and log in with your address and the password you just chose.
register-done-contact = { $inviter } is already in your contacts.
register-done-address = Your address

## Existing address
existing-title = Chat with { $inviter }
existing-text = Type your XMPP address so { $inviter } can accept you right away.
existing-address = Your XMPP address
existing-address-hint = For example: name@example.org
existing-submit = Continue
accepted-title = Almost there
accepted-text = { $inviter } will accept you automatically. Now add { $inviter } as a contact in your app:
accepted-button = Add { $inviter } in my app
group-joined-title = You joined { $group }
group-joined-text = Everyone in { $group } already has you in their contacts. Add each of them in your app, and you will see each other:
group-add-button = Add { $member } in my app
group-joined-manual = If a button does nothing, add that person as a contact by hand, in a group named { $group }.
group-landing-note = This invite is for the group { $group }: everyone who joins becomes a contact of everyone else in it.
accepted-manual = If the button does nothing, add { $inviter } as a contact by hand in your app.

## Field errors
error-summary = Please correct the fields marked below.
error-username-empty = Choose a username.
error-username-invalid = This username contains characters an XMPP address cannot have, or it is too long.
error-username-fixed = This invite can only create the account { $username }.
error-username-reserved = This username is reserved for someone else.
error-username-long = The username must have at most { $max } characters.
error-username-notallowed = This username is kept for the server's own use; choose another.
error-username-taken = This username is already taken; choose another.
error-password-short = The password must have at least { $min } characters.
error-password-long = The password must have at most { $max } characters.
error-password-username = The password must not be the username.
error-password-mismatch = The two passwords differ.
error-password-chars = The password contains characters that cannot be used (control or formatting characters). Type it again.
error-password-server = This chat server cannot store some characters of this password, such as emoji. Choose a password without them.
error-address-invalid = This is not an XMPP address (name@example.org).
error-address-inviter = That is the address of the person who invited you.
error-form-expired = This form has expired. Please submit it again.

## Password reset
reset-title = Set a new password for { $jid }
reset-lead = Choose a new password for your account { $jid }. Your contacts and messages stay as they are.
reset-expires = This link is valid until { $date } (UTC) and works once.
reset-account = Your address
reset-password = New password
reset-submit = Set new password
reset-done-title = Your new password is set
reset-done-text = Log in to { $jid } with your new password. Apps still logged in with the old one will ask for the new one.
reset-unknown-title = We could not confirm your new password
reset-unknown-text = The chat server did not answer in time, so we cannot tell whether your new password was set. Try logging in with the new password, then with the old one. This link has been used: if neither works, ask for a new one.
reset-unavailable-text = Your password was not changed and this link still works. Please try again in a few minutes.
reset-refused-title = The chat server did not change the password
reset-refused-text = Your password was not changed and this link still works. Please try again later, or tell the person who sent it to you.
reset-noaccount-title = This account no longer exists
reset-noaccount-text = There is no account to set a password for. Ask the person who sent you this link.

## Dead invites and errors
dead-notfound-title = Invite not found
dead-notfound-text = This invite link is not valid. Check that you copied the whole link, or ask for a new invite.
dead-expired-title = This invite has expired
dead-expired-text = Invites are valid for a limited time. Ask the person who invited you for a new one.
dead-used-title = This invite has already been used
dead-used-text = Each invite can only be used a limited number of times. Ask the person who invited you for a new one.
error-unavailable-title = The chat server is not reachable right now
error-unavailable-text = Your account was not created and your invite is still valid. Please try again in a few minutes.
register-exists-title = Your account { $jid } is ready
register-exists-text = It was created with this invite a moment ago. Open your app and log in with the password you chose then.
error-pending-title = Your account is being set up
error-pending-text = The chat server did not answer in time, so we cannot tell yet whether your account was created. Wait a minute, then send the form again with the same username and password.
error-confirmations-title = Too many confirmation messages
error-confirmations-text = This address, or this invite, has been sent enough confirmation messages for today. Look for the message already sent, or try again tomorrow.
error-refused-title = The chat server did not create the account
error-refused-text = Your invite is still valid. Please try again later, or tell the person who invited you.
error-internal-title = Something went wrong
error-internal-text = Your invite is still valid. Please try again later.
error-ratelimit-title = Too many requests
error-ratelimit-text = Please wait a minute, then try again.
error-badrequest-title = This request could not be understood
error-badrequest-text = Please go back and try again.
error-forbidden-title = This form was sent from another site
error-forbidden-text = For your safety it was not accepted. Open the invite link again and use the form there.
index-title = Invitations to { $domain }
index-text = This service creates accounts on { $domain } for people with an invite link. If you have one, open it.
accept-title = Have an invite code?
accept-code = Invite link or code
accept-code-hint = Paste the link, the code, or the xmpp: address you were sent.
accept-submit = Open the invite
accept-empty = Paste an invite link or code first.
accept-garbage = This is not an invite link or code. Check that you copied all of it.

## Message to the inviter (XMPP)
notify-accepted = { $jid } accepted your invite.
notify-reset = { $jid } set a new password with your reset invite.
notify-reset-unknown = { $jid } used your reset invite, but the server did not confirm the new password. If they cannot log in, send them a new one.

## Confirmation by a user of this server
confirm-sent-title = Check your messages
confirm-sent-text = We sent a message to { $address } with a link. Open it while logged in to that account to become contacts with { $inviter }.
confirm-title = Become contacts with { $inviter }?
confirm-text = { $inviter } invited { $address } to chat. Confirm, and you will be in each other's contacts.
confirm-button = Confirm
confirm-done-title = You and { $inviter } are now contacts
confirm-done-text = Open your app: { $inviter } is in your contacts.
confirm-request = { $inviter } invited you to chat. To accept and become contacts, open: { $url }
error-toolarge-title = This form is too large
error-toolarge-text = What you sent is longer than any valid answer. Please go back and shorten it.
error-timeout-title = This form took too long to arrive
error-timeout-text = The connection was too slow. Please go back and send the form again.

## Invitation email
email-subject = { $inviter } invites you to chat on { $domain }
email-intro = { $inviter } invites you to chat with them on { $domain }.
email-message-intro = Their message:
email-link-intro = To accept, open this link and follow the steps:
email-button = Accept the invitation
email-expiry = The link works until { $expires } (UTC). Only you should use it: do not forward this email.
email-about = What is this? { $domain } is a chat service using XMPP, an open standard for messaging: like email, people on different services can talk to each other, with the app of their choice. The page behind the link helps you pick an app and make your account, or use the address you have.
email-copy = This is a copy of the invitation you sent.
email-footer = You received this because { $inviter } entered your address. If you do not know them, you can ignore this email.
