# What the component says over XMPP, Spanish. Message ids, their order and the
# section comments follow en-US/xmpp.ftl; terminology and register ("tú", a
# neutral Spanish without "vosotros" forms) follow es/main.ftl. Durations typed
# by hand (1h, 1d, 7d) stay as the component parses them.

## Command names, as listed by a client

cmd-invite = Invitar a alguien
cmd-create-account = Crear una cuenta
cmd-group = Crear invitación de grupo
cmd-list = Mis invitaciones
cmd-reset = Restablecer una contraseña
cmd-list-identity = Comandos

## Durations offered in the lifetime lists

lifetime-1h = 1 hora
lifetime-1d = 1 día
lifetime-7d = 1 semana
lifetime-30d = 30 días

## The XEP-0401 result form and the invite commands

field-uri = URI de la invitación
field-landing-url = Enlace web de la invitación
field-expire = Válida hasta (UTC)
field-email = Enviar la invitación por correo a (opcional)
field-message =
    { $max ->
        [one] Mensaje personal para el correo (opcional, { $max } carácter como máximo)
       *[other] Mensaje personal para el correo (opcional, { $max } caracteres como máximo)
    }
field-copy-to = Enviarme una copia a esta dirección de correo (opcional, no se guarda)
field-username = Nombre de usuario (opcional; reservado para esta invitación)
field-roster-subscription = Añadir la nueva cuenta a mis contactos, y a mí a los suyos
field-lifetime = Validez
field-uses-account = Cuántas cuentas puede crear (de 1 a { $max }; 1 si hay nombre de usuario)
field-note = Nota para los administradores (la persona invitada no la ve)

form-invite-created = Invitación creada
form-invite-created-instructions = Envía tú el enlace, o indica una dirección de correo y lo enviamos por ti.
form-create-account = Invitación para una cuenta nueva
form-create-account-instructions = Deja vacío el nombre de usuario para que lo elija la persona invitada.

note-invite-created = Invitación creada. Envía este enlace a la persona que invitas: { $url } (válida hasta el { $expires })
note-email-queued = El correo de invitación está en camino; en «Mis invitaciones» verás si se ha entregado.

## The group-invite command

field-group = Nombre del grupo (el grupo de contactos en el que se pone a cada persona que se une)
field-uses-group = Cuántas personas pueden unirse (de 1 a { $max })
field-lifetime-free = Validez (p. ej., 1d, 7d)
form-group = Crear una invitación de grupo
form-group-instructions = Cada persona que se une con esta invitación pasa a ser contacto tuyo y de todas las que se unieron antes.
note-group-created = Invitación de grupo para { $group } creada. Comparte este enlace con las personas que se vayan a unir: { $url } (válida hasta el { $expires })

## My invites (#list)

field-creator = Creadas por (vacío: cualquiera)
field-kind = Tipo
field-invites = Invitaciones
field-action = Acción
option-kind-any = todos
option-kind-account = cuenta
option-kind-contact = contacto
option-kind-account-and-contact = cuenta y contacto
option-kind-reset = restablecimiento de contraseña
option-revoke = Revocar
option-resend = Reenviar el correo (con un enlace nuevo)
form-filter = Invitaciones
form-filter-instructions = Qué invitaciones activas mostrar.
form-list-admin = Invitaciones activas
form-list = Mis invitaciones
form-list-instructions =
    { $count ->
        [one] Una invitación activa. Selecciónala si quieres revocarla y luego continúa para confirmar.
       *[other] { $count } invitaciones activas. Selecciona las que quieras revocar y luego continúa para confirmar.
    }
form-revoke = Revocar invitaciones
form-revoke-instructions =
    { $count ->
        [one] ¿Revocar esta invitación? Su enlace dejará de funcionar al instante.
       *[other] ¿Revocar estas { $count } invitaciones? Sus enlaces dejarán de funcionar al instante.
    }
form-resend = Reenviar invitaciones
form-resend-instructions =
    { $count ->
        [one] ¿Volver a enviar esta invitación por correo? Recibirá un enlace nuevo y el anterior dejará de funcionar.
       *[other] ¿Volver a enviar estas { $count } invitaciones por correo? Cada una recibirá un enlace nuevo y el anterior dejará de funcionar.
    }
note-no-invites = No hay invitaciones activas.
note-select-one = Selecciona al menos una invitación.
note-not-listed = «{ $value }» no es ninguna de las invitaciones de la lista.
note-resending = Reenviando: { $ids }.
note-revoked =
    { $count ->
        [one] Se ha revocado una invitación: { $ids }.
       *[other] Se han revocado { $count } invitaciones: { $ids }.
    }
note-email-off = El envío de correos no está configurado en este servicio.
note-invite-error = { $id }: { $error }

# One line per invite in the list. $kind is one of the option-kind-* words.
summary-invite =
    { $left ->
        [one] #{ $id } { $kind }, del { $created }, caduca el { $expires }, queda 1 uso de { $max }
       *[other] #{ $id } { $kind }, del { $created }, caduca el { $expires }, quedan { $left } usos de { $max }
    }
summary-by = , por { $jid }
summary-for = , para { $username }
summary-note = , nota: { $note }
summary-joined = , se han unido: { $jids }
summary-emailed =
    { $sends ->
        [one] , por correo a { $address } ({ $sends } envío): { $status }
       *[other] , por correo a { $address } ({ $sends } envíos): { $status }
    }
summary-email-sending = enviándose
summary-email-retrying = aún no entregado ({ $error })
summary-email-sent = enviado el { $at }
summary-email-failed = ERROR: { $error }

## Password reset invite (#reset)

field-account = Cuenta (nombre de usuario o dirección)
field-note-admins = Nota para los administradores
form-reset = Invitación para restablecer la contraseña
form-reset-instructions = Un enlace de un solo uso cuya página permite a la persona titular de la cuenta poner una contraseña nueva.
note-reset-created = Invitación para restablecer la contraseña de { $username }. Envía este enlace a la persona titular de la cuenta: { $url } (válida hasta el { $expires })
error-reset-account-missing = Indica la cuenta cuya contraseña hay que restablecer.
error-reset-not-ours = «{ $account }» no es una cuenta de { $domain }
error-reset-no-account = No existe ninguna cuenta { $jid }.

## Problems with what was submitted

error-not-boolean = { $field }: «{ $value }» no es ni sí ni no
error-not-number = { $field }: «{ $value }» no es un número entero
error-not-duration = { $field }: «{ $value }» no es una duración (por ejemplo, 1h, 1d o 7d)
error-not-jid = { $field }: «{ $value }» no es una dirección del tipo nombre@example.org
error-unknown-value = { $field }: «{ $value }» no es ninguna de las opciones
error-group-required = group: hace falta un nombre de grupo
error-group-empty = El nombre del grupo está vacío.
error-group-long =
    { $max ->
        [one] El nombre del grupo tiene más de { $max } carácter.
       *[other] El nombre del grupo tiene más de { $max } caracteres.
    }
error-group-control = El nombre del grupo contiene caracteres de control.
error-mint-username =
    { $max ->
        [one] «{ $username }» no puede ser un nombre de usuario: escribe solo la parte anterior a la @, sin espacios ni caracteres de control, con { $max } carácter como máximo.
       *[other] «{ $username }» no puede ser un nombre de usuario: escribe solo la parte anterior a la @, sin espacios ni caracteres de control, con { $max } caracteres como máximo.
    }
error-mint-username-reserved = El nombre de usuario «{ $username }» ya está reservado por otra invitación.
error-mint-username-notallowed = El nombre de usuario «{ $username }» está reservado para los roles propios del servidor y sus administradores.
error-mint-lifetime = La validez debe estar entre un minuto y { $max }.
error-mint-uses = El número de usos debe estar entre 1 y { $max }.
error-mint-uses-username = Una invitación reservada para un nombre de usuario crea una sola cuenta: pon el número de usos en 1 o deja vacío el nombre de usuario.
error-mint-note =
    { $max ->
        [one] La nota tiene más de { $max } carácter.
       *[other] La nota tiene más de { $max } caracteres.
    }
error-quota-live =
    { $limit ->
        [one] Ya tienes { $limit } invitación activa, el máximo permitido; queda libre cuando se use, cuando la revoques («Mis invitaciones») o el { $frees }, cuando caduque.
       *[other] Ya tienes { $limit } invitaciones activas, el máximo permitido; se libera una cuando se use alguna, cuando revoques una («Mis invitaciones») o el { $frees }, cuando caduque la primera.
    }
error-quota-daily =
    { $limit ->
        [one] Has creado { $limit } invitación en las últimas 24 horas, el máximo permitido; podrás crear la siguiente el { $frees }.
       *[other] Has creado { $limit } invitaciones en las últimas 24 horas, el máximo permitido; podrás crear la siguiente el { $frees }.
    }
error-email-address = Esa dirección de correo no parece correcta.
error-email-copy = La dirección para tu copia no parece correcta.
error-email-long =
    { $max ->
        [one] El mensaje tiene más de { $max } carácter.
       *[other] El mensaje tiene más de { $max } caracteres.
    }
error-email-control = El mensaje contiene caracteres de control.
error-email-limit-inviter =
    { $count ->
        [one] Hoy has enviado { $count } correo de invitación, el máximo permitido; vuelve a intentarlo más tarde.
       *[other] Hoy has enviado { $count } correos de invitación, el máximo permitido; vuelve a intentarlo más tarde.
    }
error-email-limit-recipient =
    { $count ->
        [one] Esta dirección ya ha recibido hoy { $count } correo de invitación, el máximo permitido; vuelve a intentarlo más tarde.
       *[other] Esta dirección ya ha recibido hoy { $count } correos de invitación, el máximo permitido; vuelve a intentarlo más tarde.
    }
error-email-limit-resends =
    { $count ->
        [one] Esta invitación ya se ha reenviado { $count } vez, el máximo permitido.
       *[other] Esta invitación ya se ha reenviado { $count } veces, el máximo permitido.
    }
error-email-not-emailed = Esta invitación no se envió por correo.
error-email-already = Esta invitación ya se envió por correo: vuelve a enviarla desde «Mis invitaciones».
error-email-not-live = Esta invitación ya no está activa.
error-invite-not-found = No hay ninguna invitación { $id } entre las que puedes gestionar.

## Refusals

error-denied-not-local = Solo las cuentas de { $domain } pueden crear invitaciones aquí.
error-denied-not-admin = Solo los administradores de { $domain } pueden crear invitaciones para cuentas nuevas.
error-denied-contact-off = Las invitaciones de contacto están desactivadas en { $domain }; consulta con la administración del servicio.
error-denied-group = Solo los administradores de { $domain } pueden crear invitaciones de grupo.
error-denied-reset = Solo los administradores de { $domain } pueden crear invitaciones para restablecer contraseñas.
error-manage-not-local = Solo las cuentas de { $domain } pueden gestionar invitaciones aquí.

## Protocol errors (stanza error texts)

error-command-unavailable = Este comando no está disponible.
error-no-such-command = Ese comando no existe.
error-no-such-node = Ese nodo no existe.
error-bad-action = Esa acción no está permitida en este paso.
error-malformed-action = Acción desconocida.
error-bad-session = Sesión desconocida.
error-session-expired = Esta sesión del comando ha caducado; empieza de nuevo.
error-needs-form = Este paso necesita que envíes un formulario.
error-unexpected-stage = Paso inesperado.
error-too-many-sessions = Hay demasiadas sesiones de comandos abiertas; termina o cancela una primero.
error-internal = El servicio de invitaciones ha tenido un error interno; vuelve a intentarlo más tarde.
error-invite-token = invite-token: falta, tiene un formato incorrecto o no es una invitación tuya
note-not-emailed = No se envió por correo: { $error } Envía tú el enlace.
