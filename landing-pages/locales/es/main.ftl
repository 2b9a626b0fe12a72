# Landing pages of xmpp-invites, Spanish. Message ids, their order and the
# section comments follow en-US/main.ftl. Register: "tú", in a neutral Spanish
# understood in Spain and Latin America (no "vosotros" forms).
# Placeables are not isolated (the loader turns isolation marks off) because
# several of them are addresses and URLs.

site-name = Invitaciones a { $domain }
lang-name = Español
# The name of the list of links to the page in other languages.
lang-switcher-label = Idioma

## Dates: $year, $day (numbers), $month (the name below), $monthnum (1–12),
## $hour and $minute (two digits, 24-hour clock, UTC)
datetime = { $day } de { $month } de { $year }, { $hour }:{ $minute }
month-1 = enero
month-2 = febrero
month-3 = marzo
month-4 = abril
month-5 = mayo
month-6 = junio
month-7 = julio
month-8 = agosto
month-9 = septiembre
month-10 = octubre
month-11 = noviembre
month-12 = diciembre

## Landing page
invite-title-account = Te han invitado a unirte a { $domain }
invite-title-account-by = { $inviter } te invita a unirte a { $domain }
invite-title-contact = { $inviter } te invita a chatear
invite-lead-account = { $domain } es un servicio de chat basado en XMPP, el estándar abierto de mensajería instantánea. Como con el correo electrónico, puedes chatear con cualquier persona, esté en el servicio XMPP que esté.
invite-lead-contact = Chatea con { $inviter } desde cualquier app XMPP, el estándar abierto de mensajería instantánea.
invite-expires = Esta invitación es válida hasta el { $date } (UTC).
invite-step-app = 1. Consigue una app
invite-step-app-platform = Recomendadas para tu dispositivo
invite-step-app-other = Otros dispositivos
invite-step-open = 2. Abre la invitación en la app
invite-open-button = Abrir la invitación en tu app
invite-open-note = Las apps marcadas como «compatible con invitaciones» lo configuran todo desde este enlace. Con otras apps, crea tu cuenta en el navegador aquí abajo y luego inicia sesión.
invite-open-note-manual = Tu app le pedirá a { $inviter } que te acepte como contacto.
invite-step-register = 2. Crea tu cuenta
invite-register-heading = Crea una cuenta en el navegador
invite-register-text = Elige aquí una dirección en { $domain } y luego úsala para iniciar sesión en cualquier app.
invite-register-button = Crear mi cuenta
invite-existing-heading = Ya tengo una dirección XMPP
invite-existing-text = Abre el enlace de arriba en tu app y añade a { $inviter }, o dinos tu dirección para que { $inviter } pueda aceptarte.
invite-existing-button = Usar mi dirección actual
invite-qr-heading = ¿En otro dispositivo?
invite-qr-text = Escanea este código con la cámara de tu teléfono para abrir esta página en él.
invite-qr-label = Código QR con la dirección de esta página
app-ready = compatible con invitaciones
app-get = Descargar { $name } desde { $store }
platform-android = Android
platform-ios = iPhone y iPad
platform-windows = Windows
platform-macos = macOS
platform-linux = Linux
platform-web = Navegador web

## App descriptions (client-ID)
client-conversations = Mensajería sencilla y segura para Android; entiende los enlaces de invitación.
client-snikket = Mensajería sencilla y privada para Android; entiende los enlaces de invitación.
client-monal = La app XMPP para iPhone, iPad y Mac; entiende los enlaces de invitación.
client-siskin = Una app XMPP ligera para iPhone y iPad.
client-gajim = Una app XMPP completa para Windows y Linux.
client-dino = Una app XMPP moderna para el escritorio Linux.
client-beagle = Una app XMPP para Mac.
client-movim = XMPP en tu navegador, sin instalar nada.

## Registration
register-title = Crea tu cuenta en { $domain }
register-fixed = Esta invitación es para la dirección { $jid }.
register-username = Nombre de usuario
register-username-hint = Las letras, los números y . _ - siempre funcionan. Tu dirección será usuario@{ $domain }.
register-password = Contraseña
register-password-hint =
    { $min ->
        [one] Al menos { $min } carácter.
       *[other] Al menos { $min } caracteres.
    }
register-confirm = Repite la contraseña
register-submit = Crear cuenta
register-done-title = ¡Te damos la bienvenida, { $jid }!
register-done-text = Tu cuenta está lista. Instala una app e inicia sesión con tu dirección y la contraseña que acabas de elegir.
register-done-contact = { $inviter } ya está en tus contactos.
register-done-address = Tu dirección

## Existing address
existing-title = Chatea con { $inviter }
existing-text = Escribe tu dirección XMPP para que { $inviter } pueda aceptarte enseguida.
existing-address = Tu dirección XMPP
existing-address-hint = Por ejemplo: nombre@example.org
existing-submit = Continuar
accepted-title = Ya casi está
accepted-text = { $inviter } te aceptará automáticamente. Ahora añade a { $inviter } como contacto en tu app:
accepted-button = Añadir a { $inviter } en mi app
group-joined-title = Te has unido a { $group }
group-joined-text = Todos en { $group } ya te tienen en sus contactos. Añade a cada persona en tu app para que el contacto sea mutuo:
group-add-button = Añadir a { $member } en mi app
group-joined-manual = Si un botón no hace nada, añade a esa persona como contacto a mano, en un grupo llamado { $group }.
group-landing-note = Esta invitación es para el grupo { $group }: cada persona que se une pasa a ser contacto de todas las demás del grupo.
accepted-manual = Si el botón no hace nada, añade a { $inviter } como contacto a mano en tu app.

## Field errors
error-summary = Corrige los campos marcados abajo.
error-username-empty = Elige un nombre de usuario.
error-username-invalid = Este nombre de usuario tiene caracteres que no pueden ir en una dirección XMPP, o es demasiado largo.
error-username-fixed = Esta invitación solo sirve para crear la cuenta { $username }.
error-username-reserved = Este nombre de usuario está reservado para otra persona.
error-username-long =
    { $max ->
        [one] El nombre de usuario puede tener como máximo { $max } carácter.
       *[other] El nombre de usuario puede tener como máximo { $max } caracteres.
    }
error-username-notallowed = Este nombre de usuario está reservado para el propio servidor; elige otro.
error-username-taken = Este nombre de usuario ya está en uso; elige otro.
error-password-short =
    { $min ->
        [one] La contraseña debe tener al menos { $min } carácter.
       *[other] La contraseña debe tener al menos { $min } caracteres.
    }
error-password-long =
    { $max ->
        [one] La contraseña puede tener como máximo { $max } carácter.
       *[other] La contraseña puede tener como máximo { $max } caracteres.
    }
error-password-username = La contraseña no puede ser igual al nombre de usuario.
error-password-mismatch = Las dos contraseñas no coinciden.
error-password-chars = La contraseña contiene caracteres que no se pueden usar (caracteres de control o de formato). Vuelve a escribirla.
error-password-server = Este servidor de chat no puede guardar algunos caracteres de esta contraseña, como los emojis. Elige una contraseña sin ellos.
error-address-invalid = Esto no es una dirección XMPP (nombre@example.org).
error-address-inviter = Esa es la dirección de la persona que te invitó.
error-form-expired = Este formulario ha caducado. Vuelve a enviarlo.

## Password reset
reset-title = Nueva contraseña para { $jid }
reset-lead = Elige una nueva contraseña para tu cuenta { $jid }. Tus contactos y mensajes se quedan como están.
reset-expires = Este enlace es válido hasta el { $date } (UTC) y solo funciona una vez.
reset-account = Tu dirección
reset-password = Nueva contraseña
reset-submit = Guardar contraseña
reset-done-title = Tu nueva contraseña está lista
reset-done-text = Inicia sesión en { $jid } con tu nueva contraseña. Las apps que sigan conectadas con la anterior te pedirán la nueva.
reset-unknown-title = No hemos podido confirmar tu nueva contraseña
reset-unknown-text = El servidor de chat no respondió a tiempo, así que no sabemos si se guardó tu nueva contraseña. Prueba a iniciar sesión con la nueva y, si no funciona, con la anterior. Este enlace ya se ha usado: si ninguna de las dos funciona, pide uno nuevo.
reset-unavailable-text = Tu contraseña no se ha cambiado y este enlace sigue funcionando. Vuelve a intentarlo en unos minutos.
reset-refused-title = El servidor de chat no cambió la contraseña
reset-refused-text = Tu contraseña no se ha cambiado y este enlace sigue funcionando. Vuelve a intentarlo más tarde o avisa a la persona que te lo envió.
reset-noaccount-title = Esta cuenta ya no existe
reset-noaccount-text = No hay ninguna cuenta a la que cambiarle la contraseña. Pregunta a la persona que te envió este enlace.

## Dead invites and errors
dead-notfound-title = Invitación no encontrada
dead-notfound-text = Este enlace de invitación no es válido. Comprueba que has copiado el enlace completo o pide una nueva invitación.
dead-expired-title = Esta invitación ha caducado
dead-expired-text = Las invitaciones son válidas durante un tiempo limitado. Pide una nueva a la persona que te invitó.
dead-used-title = Esta invitación ya se ha usado
dead-used-text = Cada invitación solo se puede usar un número limitado de veces. Pide una nueva a la persona que te invitó.
error-unavailable-title = El servidor de chat no está disponible en este momento
error-unavailable-text = Tu cuenta no se ha creado y tu invitación sigue siendo válida. Vuelve a intentarlo en unos minutos.
register-exists-title = Tu cuenta { $jid } está lista
register-exists-text = Se creó con esta invitación hace un momento. Abre tu app e inicia sesión con la contraseña que elegiste entonces.
error-pending-title = Estamos preparando tu cuenta
error-pending-text = El servidor de chat no respondió a tiempo, así que aún no sabemos si se creó tu cuenta. Espera un minuto y vuelve a enviar el formulario con el mismo nombre de usuario y la misma contraseña.
error-confirmations-title = Demasiados mensajes de confirmación
error-confirmations-text = Hoy ya se han enviado bastantes mensajes de confirmación a esta dirección o para esta invitación. Busca el mensaje que ya se envió o vuelve a intentarlo mañana.
error-refused-title = El servidor de chat no creó la cuenta
error-refused-text = Tu invitación sigue siendo válida. Vuelve a intentarlo más tarde o avisa a la persona que te invitó.
error-internal-title = Algo ha salido mal
error-internal-text = Tu invitación sigue siendo válida. Vuelve a intentarlo más tarde.
error-ratelimit-title = Demasiadas solicitudes
error-ratelimit-text = Espera un minuto y vuelve a intentarlo.
error-badrequest-title = No se ha podido entender esta solicitud
error-badrequest-text = Vuelve atrás e inténtalo de nuevo.
error-forbidden-title = Este formulario se envió desde otro sitio
error-forbidden-text = Por tu seguridad, no se ha aceptado. Vuelve a abrir el enlace de invitación y usa el formulario de esa página.
index-title = Invitaciones a { $domain }
index-text = Este servicio crea cuentas en { $domain } para quienes tienen un enlace de invitación. Si tienes uno, ábrelo.
accept-title = ¿Tienes un código de invitación?
accept-code = Enlace o código de invitación
accept-code-hint = Pega el enlace, el código o la dirección xmpp: que te enviaron.
accept-submit = Abrir la invitación
accept-empty = Primero pega un enlace o un código de invitación.
accept-garbage = Esto no es un enlace ni un código de invitación. Comprueba que lo has copiado entero.

## Message to the inviter (XMPP)
notify-accepted = { $jid } ha aceptado tu invitación.
notify-reset = { $jid } ha puesto una nueva contraseña con tu invitación de restablecimiento.
notify-reset-unknown = { $jid } ha usado tu invitación de restablecimiento, pero el servidor no confirmó la nueva contraseña. Si no puede iniciar sesión, envíale una nueva.

## Confirmation by a user of this server
confirm-sent-title = Revisa tus mensajes
confirm-sent-text = Hemos enviado a { $address } un mensaje con un enlace. Ábrelo con la sesión iniciada en esa cuenta para conectar con { $inviter }.
confirm-title = ¿Conectar con { $inviter }?
confirm-text = { $inviter } ha invitado a { $address } a chatear. Confirma y cada uno estará en los contactos del otro.
confirm-button = Confirmar
confirm-done-title = { $inviter } ya es uno de tus contactos
confirm-done-text = Abre tu app: { $inviter } está en tus contactos.
confirm-request = { $inviter } te invita a chatear. Para aceptar y ser contactos, abre: { $url }
error-toolarge-title = Este formulario es demasiado grande
error-toolarge-text = Lo que enviaste es más largo que cualquier respuesta válida. Vuelve atrás y acórtalo.
error-timeout-title = Este formulario tardó demasiado en llegar
error-timeout-text = La conexión era demasiado lenta. Vuelve atrás y envía el formulario de nuevo.

## Invitation email
email-subject = { $inviter } te invita a chatear en { $domain }
email-intro = { $inviter } quiere chatear contigo en { $domain } y te envía esta invitación.
email-message-intro = Su mensaje:
email-link-intro = Para aceptar, abre este enlace y sigue los pasos:
email-button = Aceptar la invitación
email-expiry = El enlace funciona hasta el { $expires } (UTC). Es solo para ti: no reenvíes este correo.
email-about = ¿Qué es esto? { $domain } es un servicio de chat basado en XMPP, un estándar abierto de mensajería: como con el correo electrónico, personas de servicios distintos pueden hablar entre sí, cada una con la app que prefiera. La página del enlace te ayuda a elegir una app y crear tu cuenta, o a usar la dirección que ya tienes.
email-copy = Esta es una copia de la invitación que enviaste.
email-footer = Recibes este correo porque { $inviter } escribió tu dirección. Si no conoces a esta persona, puedes ignorarlo.
