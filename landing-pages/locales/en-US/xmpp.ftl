# What the component says over XMPP: command names (disco#items), form
# titles, instructions, field and option labels, notes and error texts.
# Node names and form field names (vars) are machine names and stay as
# they are; only what a person reads is here. The notification texts
# (notify-*, confirm-request) are in main.ftl.

## Command names, as listed by a client

cmd-invite = Invite user
cmd-create-account = Create account
cmd-group = Create group invite
cmd-list = My invites
cmd-reset = Password reset invite
cmd-list-identity = Commands

## Durations offered in the lifetime lists

lifetime-1h = 1 hour
lifetime-1d = 1 day
lifetime-7d = 1 week
lifetime-30d = 30 days

## The XEP-0401 result form and the invite commands

field-uri = Invite URI
field-landing-url = Invite web link
field-expire = Valid until (UTC)
field-email = Email the invite to (optional)
field-message = Personal message for the email (optional, { $max } characters at most)
field-copy-to = Send me a copy at this email address (optional, not kept)
field-username = Username (optional; reserved for this invite)
field-roster-subscription = Add the new account and me to each other's contacts
field-lifetime = Valid for
field-uses-account = How many accounts it may create (1 to { $max }; 1 with a username)
field-note = Note for admins (not shown to the invitee)

form-invite-created = Invite created
form-invite-created-instructions = Send the link yourself, or give an email address and we send it for you.
form-create-account = Create an account invite
form-create-account-instructions = Leave the username empty to let the invitee choose one.

note-invite-created = Invite created. Send this link to the person you are inviting: { $url } (valid until { $expires })
note-email-queued = The invitation email is on its way; My invites shows whether it was delivered.

## The group-invite command

field-group = Group name (the roster group everyone who joins is put in)
field-uses-group = How many people may join (1 to { $max })
field-lifetime-free = Valid for (e.g. 1d, 7d)
form-group = Create a group invite
form-group-instructions = Everyone who joins with this invite becomes a contact of you and of everyone who joined before.
note-group-created = Group invite for { $group } created. Share this link with the people joining: { $url } (valid until { $expires })

## My invites (#list)

field-creator = Created by (empty: anyone)
field-kind = Kind
field-invites = Invites
field-action = Do
option-kind-any = any
option-kind-account = account
option-kind-contact = contact
option-kind-account-and-contact = account and contact
option-kind-reset = password reset
option-revoke = Revoke
option-resend = Send the email again (with a new link)
form-filter = Invites
form-filter-instructions = Which live invites to list.
form-list-admin = Live invites
form-list = My invites
form-list-instructions =
    { $count ->
        [one] One live invite. Select the ones to revoke, then go on to confirm.
       *[other] { $count } live invites. Select the ones to revoke, then go on to confirm.
    }
form-revoke = Revoke invites
form-revoke-instructions =
    { $count ->
        [one] Revoke this invite? Its link will stop working at once.
       *[other] Revoke these { $count } invites? Their links will stop working at once.
    }
form-resend = Send invites again
form-resend-instructions =
    { $count ->
        [one] Email this invite again? It gets a new link; the old one stops working.
       *[other] Email these { $count } invites again? Each gets a new link; the old one stops working.
    }
note-no-invites = No live invites.
note-select-one = Select at least one invite.
note-not-listed = “{ $value }” is not one of the invites listed.
note-resending = Sending again: { $ids }.
note-revoked =
    { $count ->
        [one] Revoked one invite: { $ids }.
       *[other] Revoked { $count } invites: { $ids }.
    }
note-email-off = Email is not configured on this service.
note-invite-error = { $id }: { $error }

# One line per invite in the list. $kind is one of the option-kind-* words.
summary-invite =
    { $left ->
        [one] #{ $id } { $kind }, created { $created }, expires { $expires }, 1 of { $max } uses left
       *[other] #{ $id } { $kind }, created { $created }, expires { $expires }, { $left } of { $max } uses left
    }
summary-by = , by { $jid }
summary-for = , for { $username }
summary-note = , note: { $note }
summary-joined = , joined: { $jids }
summary-emailed = , emailed to { $address } ({ $sends } sends): { $status }
summary-email-sending = sending
summary-email-retrying = not delivered yet ({ $error })
summary-email-sent = sent { $at }
summary-email-failed = FAILED: { $error }

## Password reset invite (#reset)

field-account = Account (username or address)
field-note-admins = Note for admins
form-reset = Password reset invite
form-reset-instructions = A one-use link whose page lets the account's owner set a new password.
note-reset-created = Password reset invite for { $username }. Send this link to its owner: { $url } (valid until { $expires })
error-reset-account-missing = Give the account whose password is to be reset.
error-reset-not-ours = “{ $account }” is not an account of { $domain }
error-reset-no-account = There is no account { $jid }.

## Problems with what was submitted

error-not-boolean = { $field }: “{ $value }” is neither yes nor no
error-not-number = { $field }: “{ $value }” is not a whole number
error-not-duration = { $field }: “{ $value }” is not a duration (say 1h, 1d or 7d)
error-not-jid = { $field }: “{ $value }” is not an address like name@example.org
error-unknown-value = { $field }: “{ $value }” is not one of the choices
error-group-required = group: a group name is required
error-group-empty = The group name is empty.
error-group-long = The group name is longer than { $max } characters.
error-group-control = The group name contains control characters.
error-mint-username = “{ $username }” cannot be a username: give only the part before the @, without spaces or control characters, { $max } characters at most.
error-mint-username-reserved = The username “{ $username }” is already reserved by another invite.
error-mint-username-notallowed = The username “{ $username }” is reserved for the server's own roles and admins.
error-mint-lifetime = The lifetime must be between one minute and { $max }.
error-mint-uses = The number of uses must be between 1 and { $max }.
error-mint-uses-username = An invite reserved for a username creates one account: set the number of uses to 1 or leave the username empty.
error-mint-note = The note is longer than { $max } characters.
error-quota-live = You already have { $limit } live invites, the most allowed; one frees up when it is used, when you revoke it (My invites), or at { $frees } when the first expires.
error-quota-daily = You have created { $limit } invites in the last 24 hours, the most allowed; the next one can be created at { $frees }.
error-email-address = That email address does not look right.
error-email-copy = The address for your copy does not look right.
error-email-long = The message is longer than { $max } characters.
error-email-control = The message contains control characters.
error-email-limit-inviter = You have sent { $count } invitation emails today, the most allowed; try again later.
error-email-limit-recipient = This address has received { $count } invitation emails today, the most allowed; try again later.
error-email-limit-resends = This invite was sent again { $count } times, the most allowed.
error-email-not-emailed = This invite was not sent by email.
error-email-already = This invite was already sent by email: send it again from My invites.
error-email-not-live = This invite is no longer live.
error-invite-not-found = There is no invite { $id } among those you can manage.

## Refusals

error-denied-not-local = Only users of { $domain } can create invites here.
error-denied-not-admin = Only administrators of { $domain } can create account invites.
error-denied-contact-off = Contact invites are disabled on { $domain }; ask an administrator.
error-denied-group = Only administrators of { $domain } can create group invites.
error-denied-reset = Only administrators of { $domain } can create password reset invites.
error-manage-not-local = Only users of { $domain } can manage invites here.

## Protocol errors (stanza error texts)

error-command-unavailable = This command is not available.
error-no-such-command = No such command.
error-no-such-node = No such node.
error-bad-action = That action is not allowed at this stage.
error-malformed-action = Unknown action.
error-bad-session = Unknown session.
error-session-expired = This command session has expired; start again.
error-needs-form = This stage needs a submitted data form.
error-unexpected-stage = Unexpected stage.
error-too-many-sessions = Too many open command sessions; finish or cancel one first.
error-internal = The invite service had an internal error; try again later.
error-invite-token = invite-token: missing, malformed or not an invite of yours
