# Landing pages of xmpp-invites, French. Message ids, their order and the
# section comments follow en-US/main.ftl. Register: "vous". Spaces before
# : « » are no-break spaces (U+00A0), before ; ! ? narrow no-break (U+202F).
# Placeables are not isolated (the loader turns isolation marks off) because
# several of them are addresses and URLs.

site-name = Invitations pour { $domain }
lang-name = Français
# The name of the list of links to the page in other languages.
lang-switcher-label = Langue

## Dates: $year, $day (numbers), $month (the name below), $monthnum (1–12),
## $hour and $minute (two digits, 24-hour clock, UTC)
datetime = { $day } { $month } { $year } à { $hour } h { $minute }
month-1 = janvier
month-2 = février
month-3 = mars
month-4 = avril
month-5 = mai
month-6 = juin
month-7 = juillet
month-8 = août
month-9 = septembre
month-10 = octobre
month-11 = novembre
month-12 = décembre

## Landing page
invite-title-account = Invitation à rejoindre { $domain }
invite-title-account-by = { $inviter } vous invite à rejoindre { $domain }
invite-title-contact = { $inviter } vous invite à discuter
invite-lead-account = { $domain } est un service de chat basé sur XMPP, le standard ouvert de la messagerie instantanée. Comme avec l’e-mail, vous pouvez discuter avec n’importe qui, quel que soit son service XMPP.
invite-lead-contact = Discutez avec { $inviter } depuis n’importe quelle application XMPP, le standard ouvert de la messagerie instantanée.
invite-expires = Cette invitation est valable jusqu’au { $date } (UTC).
invite-step-app = 1. Installez une application
invite-step-app-platform = Recommandées pour votre appareil
invite-step-app-other = Autres appareils
invite-step-open = 2. Ouvrez l’invitation dans l’application
invite-open-button = Ouvrir l’invitation dans l’application
invite-open-note = Les applications marquées « compatible invitations » configurent tout à partir de ce lien. Avec les autres, créez votre compte dans le navigateur ci-dessous, puis connectez-vous.
invite-open-note-manual = Votre application demandera à { $inviter } de vous accepter comme contact.
invite-step-register = 2. Créez votre compte
invite-register-heading = Créer un compte dans le navigateur
invite-register-text = Choisissez ici une adresse sur { $domain }, puis utilisez-la pour vous connecter dans n’importe quelle application.
invite-register-button = Créer mon compte
invite-existing-heading = J’ai déjà une adresse XMPP
invite-existing-text = Ouvrez le lien ci-dessus dans votre application et ajoutez { $inviter }, ou indiquez-nous votre adresse pour que { $inviter } puisse vous accepter.
invite-existing-button = Utiliser mon adresse actuelle
invite-qr-heading = Sur un autre appareil ?
invite-qr-text = Scannez ce code avec l’appareil photo de votre téléphone pour y ouvrir cette page.
invite-qr-label = Code QR de l’adresse de cette page
app-ready = compatible invitations
app-get = Télécharger { $name } sur { $store }
platform-android = Android
platform-ios = iPhone et iPad
platform-windows = Windows
platform-macos = macOS
platform-linux = Linux
platform-web = Navigateur web

## App descriptions (client-ID)
client-conversations = Une messagerie simple et sécurisée pour Android ; comprend les liens d’invitation.
client-snikket = Une messagerie simple et privée pour Android ; comprend les liens d’invitation.
client-monal = L’application XMPP pour iPhone, iPad et Mac ; comprend les liens d’invitation.
client-siskin = Une application XMPP légère pour iPhone et iPad.
client-gajim = Une application XMPP complète pour Windows et Linux.
client-dino = Une application XMPP moderne pour le bureau Linux.
client-beagle = Une application XMPP pour Mac.
client-movim = XMPP dans votre navigateur, sans rien installer.

## Registration
register-title = Créez votre compte sur { $domain }
register-fixed = Cette invitation est réservée à l’adresse { $jid }.
register-username = Nom d’utilisateur
register-username-hint = Les lettres, les chiffres et . _ - sont toujours acceptés. Votre adresse sera nom@{ $domain }.
register-password = Mot de passe
register-password-hint =
    { $min ->
        [one] Au moins { $min } caractère.
       *[other] Au moins { $min } caractères.
    }
register-confirm = Confirmer le mot de passe
register-submit = Créer le compte
register-done-title = Bienvenue, { $jid } !
register-done-text = Votre compte est prêt. Installez une application et connectez-vous avec votre adresse et le mot de passe que vous venez de choisir.
register-done-contact = { $inviter } est déjà dans vos contacts.
register-done-address = Votre adresse

## Existing address
existing-title = Discuter avec { $inviter }
existing-text = Saisissez votre adresse XMPP pour que { $inviter } puisse vous accepter tout de suite.
existing-address = Votre adresse XMPP
existing-address-hint = Par exemple : nom@example.org
existing-submit = Continuer
accepted-title = Presque terminé
accepted-text = { $inviter } vous acceptera automatiquement. Ajoutez maintenant { $inviter } comme contact dans votre application :
accepted-button = Ajouter { $inviter } dans mon application
group-joined-title = Vous avez rejoint { $group }
group-joined-text = Tous les membres de { $group } vous ont déjà dans leurs contacts. Ajoutez-les un par un dans votre application, et vous vous verrez mutuellement :
group-add-button = Ajouter { $member } dans mon application
group-joined-manual = Si un bouton ne fait rien, ajoutez cette personne comme contact manuellement, dans un groupe nommé { $group }.
group-landing-note = Cette invitation concerne le groupe { $group } : chaque personne qui le rejoint devient contact de tous les autres membres.
accepted-manual = Si le bouton ne fait rien, ajoutez { $inviter } comme contact manuellement dans votre application.

## Field errors
error-summary = Veuillez corriger les champs signalés ci-dessous.
error-username-empty = Choisissez un nom d’utilisateur.
error-username-invalid = Ce nom d’utilisateur contient des caractères impossibles dans une adresse XMPP, ou il est trop long.
error-username-fixed = Cette invitation ne permet de créer que le compte { $username }.
error-username-reserved = Ce nom d’utilisateur est réservé à quelqu’un d’autre.
error-username-long =
    { $max ->
        [one] Le nom d’utilisateur ne doit pas dépasser { $max } caractère.
       *[other] Le nom d’utilisateur ne doit pas dépasser { $max } caractères.
    }
error-username-notallowed = Ce nom d’utilisateur est réservé à l’usage du serveur ; choisissez-en un autre.
error-username-taken = Ce nom d’utilisateur est déjà pris ; choisissez-en un autre.
error-password-short =
    { $min ->
        [one] Le mot de passe doit comporter au moins { $min } caractère.
       *[other] Le mot de passe doit comporter au moins { $min } caractères.
    }
error-password-long =
    { $max ->
        [one] Le mot de passe ne doit pas dépasser { $max } caractère.
       *[other] Le mot de passe ne doit pas dépasser { $max } caractères.
    }
error-password-username = Le mot de passe doit être différent du nom d’utilisateur.
error-password-mismatch = Les deux mots de passe ne correspondent pas.
error-password-chars = Le mot de passe contient des caractères inutilisables (caractères de contrôle ou de mise en forme). Saisissez-le à nouveau.
error-password-server = Ce serveur de discussion ne peut pas enregistrer certains caractères de ce mot de passe, comme les émojis. Choisissez un mot de passe qui n’en contient pas.
error-address-invalid = Ce n’est pas une adresse XMPP (nom@example.org).
error-address-inviter = C’est l’adresse de la personne à l’origine de l’invitation.
error-form-expired = Ce formulaire a expiré. Veuillez l’envoyer à nouveau.

## Password reset
reset-title = Nouveau mot de passe pour { $jid }
reset-lead = Choisissez un nouveau mot de passe pour votre compte { $jid }. Vos contacts et vos messages restent tels quels.
reset-expires = Ce lien est valable jusqu’au { $date } (UTC) et ne fonctionne qu’une fois.
reset-account = Votre adresse
reset-password = Nouveau mot de passe
reset-submit = Enregistrer le mot de passe
reset-done-title = Votre nouveau mot de passe est enregistré
reset-done-text = Connectez-vous à { $jid } avec votre nouveau mot de passe. Les applications encore connectées avec l’ancien vous demanderont le nouveau.
reset-unknown-title = Nous n’avons pas pu confirmer votre nouveau mot de passe
reset-unknown-text = Le serveur de chat n’a pas répondu à temps : nous ne savons donc pas si votre nouveau mot de passe a été enregistré. Essayez de vous connecter avec le nouveau mot de passe, puis avec l’ancien. Ce lien a été utilisé : si aucun des deux ne fonctionne, demandez-en un nouveau.
reset-unavailable-text = Votre mot de passe n’a pas été modifié et ce lien fonctionne toujours. Veuillez réessayer dans quelques minutes.
reset-refused-title = Le serveur de chat n’a pas modifié le mot de passe
reset-refused-text = Votre mot de passe n’a pas été modifié et ce lien fonctionne toujours. Veuillez réessayer plus tard, ou prévenez la personne qui vous l’a envoyé.
reset-noaccount-title = Ce compte n’existe plus
reset-noaccount-text = Il n’y a aucun compte pour lequel définir un mot de passe. Adressez-vous à la personne qui vous a envoyé ce lien.

## Dead invites and errors
dead-notfound-title = Invitation introuvable
dead-notfound-text = Ce lien d’invitation n’est pas valide. Vérifiez que vous avez copié le lien en entier, ou demandez une nouvelle invitation.
dead-expired-title = Cette invitation a expiré
dead-expired-text = Les invitations sont valables pour une durée limitée. Demandez-en une nouvelle à la personne qui vous l’a envoyée.
dead-used-title = Cette invitation a déjà été utilisée
dead-used-text = Chaque invitation ne peut servir qu’un nombre limité de fois. Demandez-en une nouvelle à la personne qui vous l’a envoyée.
error-unavailable-title = Le serveur de chat est injoignable pour le moment
error-unavailable-text = Votre compte n’a pas été créé et votre invitation est toujours valable. Veuillez réessayer dans quelques minutes.
register-exists-title = Votre compte { $jid } est prêt
register-exists-text = Il vient d’être créé avec cette invitation. Ouvrez votre application et connectez-vous avec le mot de passe que vous avez choisi à ce moment-là.
error-pending-title = Votre compte est en cours de création
error-pending-text = Le serveur de chat n’a pas répondu à temps : nous ne savons donc pas encore si votre compte a été créé. Patientez une minute, puis renvoyez le formulaire avec le même nom d’utilisateur et le même mot de passe.
error-confirmations-title = Trop de messages de confirmation
error-confirmations-text = Assez de messages de confirmation ont déjà été envoyés aujourd’hui à cette adresse ou pour cette invitation. Cherchez le message déjà envoyé, ou réessayez demain.
error-refused-title = Le serveur de chat n’a pas créé le compte
error-refused-text = Votre invitation est toujours valable. Veuillez réessayer plus tard, ou prévenez la personne qui vous l’a envoyée.
error-internal-title = Une erreur s’est produite
error-internal-text = Votre invitation est toujours valable. Veuillez réessayer plus tard.
error-ratelimit-title = Trop de requêtes
error-ratelimit-text = Veuillez patienter une minute, puis réessayer.
error-badrequest-title = Cette requête n’a pas pu être comprise
error-badrequest-text = Veuillez revenir en arrière et réessayer.
error-forbidden-title = Ce formulaire a été envoyé depuis un autre site
error-forbidden-text = Pour votre sécurité, il n’a pas été accepté. Rouvrez le lien d’invitation et utilisez le formulaire qui s’y trouve.
index-title = Invitations pour { $domain }
index-text = Ce service crée des comptes sur { $domain } pour les personnes qui ont un lien d’invitation. Si vous en avez un, ouvrez-le.
accept-title = Vous avez un code d’invitation ?
accept-code = Lien ou code d’invitation
accept-code-hint = Collez ici le lien, le code ou l’adresse xmpp: de votre invitation.
accept-submit = Ouvrir l’invitation
accept-empty = Collez d’abord un lien ou un code d’invitation.
accept-garbage = Ce n’est ni un lien ni un code d’invitation. Vérifiez que vous l’avez copié en entier.

## Message to the inviter (XMPP)
notify-accepted = { $jid } a accepté votre invitation.
notify-reset = { $jid } a défini un nouveau mot de passe avec votre invitation de réinitialisation.
notify-reset-unknown = { $jid } a utilisé votre invitation de réinitialisation, mais le serveur n’a pas confirmé le nouveau mot de passe. Si la connexion échoue, envoyez-en une nouvelle.

## Confirmation by a user of this server
confirm-sent-title = Consultez vos messages
confirm-sent-text = Nous avons envoyé à { $address } un message contenant un lien. Ouvrez-le en étant connecté à ce compte pour devenir contacts avec { $inviter }.
confirm-title = Devenir contacts avec { $inviter } ?
confirm-text = { $inviter } a invité { $address } à discuter. Confirmez, et vous serez chacun dans les contacts de l’autre.
confirm-button = Confirmer
confirm-done-title = { $inviter } et vous êtes maintenant contacts
confirm-done-text = Ouvrez votre application : { $inviter } est dans vos contacts.
confirm-request = { $inviter } vous invite à discuter. Pour accepter et devenir contacts, ouvrez : { $url }
error-toolarge-title = Ce formulaire est trop volumineux
error-toolarge-text = Ce que vous avez envoyé est plus long que n’importe quelle réponse valide. Veuillez revenir en arrière et le raccourcir.
error-timeout-title = Ce formulaire a mis trop de temps à arriver
error-timeout-text = La connexion était trop lente. Veuillez revenir en arrière et renvoyer le formulaire.

## Invitation email
email-subject = { $inviter } vous invite à discuter sur { $domain }
email-intro = { $inviter } vous invite à discuter ensemble sur { $domain }.
email-message-intro = Son message :
email-link-intro = Pour accepter, ouvrez ce lien et suivez les étapes :
email-button = Accepter l’invitation
email-expiry = Le lien fonctionne jusqu’au { $expires } (UTC). Il n’est destiné qu’à vous : ne transférez pas cet e-mail.
email-about = De quoi s’agit-il ? { $domain } est un service de chat basé sur XMPP, un standard ouvert de messagerie : comme avec l’e-mail, des personnes inscrites sur des services différents peuvent se parler, chacune avec l’application de son choix. La page derrière le lien vous aide à choisir une application et à créer votre compte, ou à utiliser l’adresse que vous avez déjà.
email-copy = Ceci est une copie de l’invitation que vous avez envoyée.
email-footer = Vous recevez cet e-mail parce que { $inviter } a saisi votre adresse. Si vous ne connaissez pas cette personne, vous pouvez ignorer cet e-mail.
