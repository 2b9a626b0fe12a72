# What the component says over XMPP, French. Message ids, their order and the
# section comments follow en-US/xmpp.ftl; terminology and register ("vous")
# follow fr/main.ftl. Spaces before : « » are no-break spaces (U+00A0),
# before ; ! ? narrow no-break (U+202F). Durations typed by hand (1h, 1d,
# 7d) stay as the component parses them.

## Command names, as listed by a client

cmd-invite = Inviter quelqu’un
cmd-create-account = Créer un compte
cmd-group = Créer une invitation de groupe
cmd-list = Mes invitations
cmd-reset = Réinitialiser un mot de passe
cmd-list-identity = Commandes

## Durations offered in the lifetime lists

lifetime-1h = 1 heure
lifetime-1d = 1 jour
lifetime-7d = 1 semaine
lifetime-30d = 30 jours

## The XEP-0401 result form and the invite commands

field-uri = URI d’invitation
field-landing-url = Lien web de l’invitation
field-expire = Valable jusqu’au (UTC)
field-email = Envoyer l’invitation par e-mail à (facultatif)
field-message =
    { $max ->
        [one] Message personnel pour l’e-mail (facultatif, { $max } caractère au maximum)
       *[other] Message personnel pour l’e-mail (facultatif, { $max } caractères au maximum)
    }
field-copy-to = M’envoyer une copie à cette adresse e-mail (facultatif, non conservée)
field-username = Nom d’utilisateur (facultatif ; réservé à cette invitation)
field-roster-subscription = Ajouter le nouveau compte à mes contacts, et moi aux siens
field-lifetime = Durée de validité
field-uses-account = Nombre de comptes pouvant être créés (de 1 à { $max } ; 1 avec un nom d’utilisateur)
field-note = Note pour les administrateurs (invisible pour la personne invitée)

form-invite-created = Invitation créée
form-invite-created-instructions = Envoyez le lien vous-même, ou indiquez une adresse e-mail et nous l’enverrons pour vous.
form-create-account = Invitation pour un nouveau compte
form-create-account-instructions = Laissez le nom d’utilisateur vide pour que la personne invitée le choisisse.

note-invite-created = Invitation créée. Envoyez ce lien à la personne que vous invitez : { $url } (valable jusqu’au { $expires })
note-email-queued = L’e-mail d’invitation est en route ; « Mes invitations » indique s’il a bien été remis.

## The group-invite command

field-group = Nom du groupe (le groupe de contacts où sera placée chaque personne qui rejoint)
field-uses-group = Nombre de personnes pouvant rejoindre (de 1 à { $max })
field-lifetime-free = Durée de validité (par ex. 1d, 7d)
form-group = Créer une invitation de groupe
form-group-instructions = Chaque personne qui rejoint avec cette invitation devient votre contact et celui de toutes les personnes arrivées avant elle.
note-group-created = Invitation de groupe pour { $group } créée. Partagez ce lien avec les personnes qui rejoignent le groupe : { $url } (valable jusqu’au { $expires })

## My invites (#list)

field-creator = Créées par (vide : tout le monde)
field-kind = Type
field-invites = Invitations
field-action = Action
option-kind-any = tous
option-kind-account = compte
option-kind-contact = contact
option-kind-account-and-contact = compte et contact
option-kind-reset = réinitialisation du mot de passe
option-revoke = Révoquer
option-resend = Renvoyer l’e-mail (avec un nouveau lien)
form-filter = Invitations
form-filter-instructions = Quelles invitations actives afficher.
form-list-admin = Invitations actives
form-list = Mes invitations
form-list-instructions =
    { $count ->
        [one] { $count } invitation active. Sélectionnez les invitations à révoquer, puis continuez pour confirmer.
       *[other] { $count } invitations actives. Sélectionnez celles à révoquer, puis continuez pour confirmer.
    }
form-revoke = Révoquer des invitations
form-revoke-instructions =
    { $count ->
        [one] Révoquer cette invitation ? Son lien cessera aussitôt de fonctionner.
       *[other] Révoquer ces { $count } invitations ? Leurs liens cesseront aussitôt de fonctionner.
    }
form-resend = Renvoyer des invitations
form-resend-instructions =
    { $count ->
        [one] Renvoyer cette invitation par e-mail ? Elle reçoit un nouveau lien ; l’ancien cesse de fonctionner.
       *[other] Renvoyer ces { $count } invitations par e-mail ? Chacune reçoit un nouveau lien ; l’ancien cesse de fonctionner.
    }
note-no-invites = Aucune invitation active.
note-select-one = Sélectionnez au moins une invitation.
note-not-listed = « { $value } » ne fait pas partie des invitations listées.
note-resending = Nouvel envoi : { $ids }.
note-revoked =
    { $count ->
        [one] { $count } invitation révoquée : { $ids }.
       *[other] { $count } invitations révoquées : { $ids }.
    }
note-email-off = L’envoi d’e-mails n’est pas configuré sur ce service.
note-invite-error = { $id } : { $error }

# One line per invite in the list. $kind is one of the option-kind-* words.
summary-invite =
    { $left ->
        [one] #{ $id } { $kind }, du { $created }, expire le { $expires }, { $left } utilisation restante sur { $max }
       *[other] #{ $id } { $kind }, du { $created }, expire le { $expires }, { $left } utilisations restantes sur { $max }
    }
summary-by = , par { $jid }
summary-for = , pour { $username }
summary-note = , note : { $note }
summary-joined = , ont rejoint : { $jids }
summary-emailed =
    { $sends ->
        [one] , e-mail à { $address } ({ $sends } envoi) : { $status }
       *[other] , e-mail à { $address } ({ $sends } envois) : { $status }
    }
summary-email-sending = envoi en cours
summary-email-retrying = pas encore remis ({ $error })
summary-email-sent = envoyé le { $at }
summary-email-failed = ÉCHEC : { $error }

## Password reset invite (#reset)

field-account = Compte (nom d’utilisateur ou adresse)
field-note-admins = Note pour les administrateurs
form-reset = Invitation de réinitialisation du mot de passe
form-reset-instructions = Un lien à usage unique, dont la page permet à la personne titulaire du compte de choisir un nouveau mot de passe.
note-reset-created = Invitation de réinitialisation du mot de passe pour { $username }. Envoyez ce lien à la personne titulaire du compte : { $url } (valable jusqu’au { $expires })
error-reset-account-missing = Indiquez le compte dont le mot de passe doit être réinitialisé.
error-reset-not-ours = « { $account } » n’est pas un compte de { $domain }
error-reset-no-account = Il n’existe aucun compte { $jid }.

## Problems with what was submitted

error-not-boolean = { $field } : « { $value } » n’est ni oui ni non
error-not-number = { $field } : « { $value } » n’est pas un nombre entier
error-not-duration = { $field } : « { $value } » n’est pas une durée (par exemple 1h, 1d ou 7d)
error-not-jid = { $field } : « { $value } » n’est pas une adresse de la forme nom@example.org
error-unknown-value = { $field } : « { $value } » ne fait pas partie des choix proposés
error-group-required = group : un nom de groupe est requis
error-group-empty = Le nom du groupe est vide.
error-group-long =
    { $max ->
        [one] Le nom du groupe dépasse { $max } caractère.
       *[other] Le nom du groupe dépasse { $max } caractères.
    }
error-group-control = Le nom du groupe contient des caractères de contrôle.
error-mint-username =
    { $max ->
        [one] « { $username } » ne peut pas être un nom d’utilisateur : indiquez seulement la partie avant le @, sans espaces ni caractères de contrôle, { $max } caractère au maximum.
       *[other] « { $username } » ne peut pas être un nom d’utilisateur : indiquez seulement la partie avant le @, sans espaces ni caractères de contrôle, { $max } caractères au maximum.
    }
error-mint-username-reserved = Le nom d’utilisateur « { $username } » est déjà réservé par une autre invitation.
error-mint-username-notallowed = Le nom d’utilisateur « { $username } » est réservé aux rôles et aux administrateurs du serveur.
error-mint-lifetime = La durée de validité doit être comprise entre une minute et { $max }.
error-mint-uses = Le nombre d’utilisations doit être compris entre 1 et { $max }.
error-mint-uses-username = Une invitation réservée à un nom d’utilisateur ne crée qu’un compte : mettez le nombre d’utilisations à 1 ou laissez le nom d’utilisateur vide.
error-mint-note =
    { $max ->
        [one] La note dépasse { $max } caractère.
       *[other] La note dépasse { $max } caractères.
    }
error-quota-live =
    { $limit ->
        [one] Vous avez déjà { $limit } invitation active, le maximum autorisé ; une place se libère quand elle est utilisée, quand vous la révoquez (« Mes invitations »), ou le { $frees } quand elle expire.
       *[other] Vous avez déjà { $limit } invitations actives, le maximum autorisé ; une place se libère quand l’une d’elles est utilisée, quand vous la révoquez (« Mes invitations »), ou le { $frees } quand la première expire.
    }
error-quota-daily =
    { $limit ->
        [one] Vous avez créé { $limit } invitation au cours des dernières 24 heures, le maximum autorisé ; la prochaine pourra être créée le { $frees }.
       *[other] Vous avez créé { $limit } invitations au cours des dernières 24 heures, le maximum autorisé ; la prochaine pourra être créée le { $frees }.
    }
error-email-address = Cette adresse e-mail ne semble pas correcte.
error-email-copy = L’adresse pour votre copie ne semble pas correcte.
error-email-long =
    { $max ->
        [one] Le message dépasse { $max } caractère.
       *[other] Le message dépasse { $max } caractères.
    }
error-email-control = Le message contient des caractères de contrôle.
error-email-limit-inviter =
    { $count ->
        [one] Vous avez envoyé { $count } e-mail d’invitation aujourd’hui, le maximum autorisé ; réessayez plus tard.
       *[other] Vous avez envoyé { $count } e-mails d’invitation aujourd’hui, le maximum autorisé ; réessayez plus tard.
    }
error-email-limit-recipient =
    { $count ->
        [one] Cette adresse a reçu { $count } e-mail d’invitation aujourd’hui, le maximum autorisé ; réessayez plus tard.
       *[other] Cette adresse a reçu { $count } e-mails d’invitation aujourd’hui, le maximum autorisé ; réessayez plus tard.
    }
error-email-limit-resends = Cette invitation a déjà été renvoyée { $count } fois, le maximum autorisé.
error-email-not-emailed = Cette invitation n’a pas été envoyée par e-mail.
error-email-already = Cette invitation a déjà été envoyée par e-mail : renvoyez-la depuis « Mes invitations ».
error-email-not-live = Cette invitation n’est plus active.
error-invite-not-found = Il n’y a aucune invitation { $id } parmi celles que vous pouvez gérer.

## Refusals

error-denied-not-local = Seuls les comptes de { $domain } peuvent créer des invitations ici.
error-denied-not-admin = Seuls les administrateurs de { $domain } peuvent créer des invitations pour de nouveaux comptes.
error-denied-contact-off = Les invitations de contact sont désactivées sur { $domain } ; adressez-vous à l’administration du service.
error-denied-group = Seuls les administrateurs de { $domain } peuvent créer des invitations de groupe.
error-denied-reset = Seuls les administrateurs de { $domain } peuvent créer des invitations de réinitialisation du mot de passe.
error-manage-not-local = Seuls les comptes de { $domain } peuvent gérer des invitations ici.

## Protocol errors (stanza error texts)

error-command-unavailable = Cette commande n’est pas disponible.
error-no-such-command = Cette commande n’existe pas.
error-no-such-node = Ce nœud n’existe pas.
error-bad-action = Cette action n’est pas permise à cette étape.
error-malformed-action = Action inconnue.
error-bad-session = Session inconnue.
error-session-expired = Cette session de commande a expiré ; recommencez.
error-needs-form = Cette étape attend l’envoi d’un formulaire.
error-unexpected-stage = Étape inattendue.
error-too-many-sessions = Trop de sessions de commande ouvertes ; terminez-en ou annulez-en une d’abord.
error-internal = Le service d’invitations a rencontré une erreur interne ; réessayez plus tard.
error-invite-token = invite-token : absent, mal formé ou ne désignant pas l’une de vos invitations
note-not-emailed = E-mail non envoyé : { $error } Envoyez le lien vous-même.
