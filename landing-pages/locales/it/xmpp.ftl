# What the component says over XMPP, Italian. Message ids, their order and the
# section comments follow en-US/xmpp.ftl; terminology and register ("tu", with
# wording that does not assume the reader's gender) follow it/main.ftl.
# Durations typed by hand (1h, 1d, 7d) stay as the component parses them.

## Command names, as listed by a client

cmd-invite = Invita qualcuno
cmd-create-account = Crea un account
cmd-group = Crea invito di gruppo
cmd-list = I miei inviti
cmd-reset = Reimposta una password
cmd-list-identity = Comandi

## Durations offered in the lifetime lists

lifetime-1h = 1 ora
lifetime-1d = 1 giorno
lifetime-7d = 1 settimana
lifetime-30d = 30 giorni

## The XEP-0401 result form and the invite commands

field-uri = URI dell’invito
field-landing-url = Link web dell’invito
field-expire = Valido fino al (UTC)
field-email = Invia l’invito via email a (facoltativo)
field-message =
    { $max ->
        [one] Messaggio personale per l’email (facoltativo, al massimo { $max } carattere)
       *[other] Messaggio personale per l’email (facoltativo, al massimo { $max } caratteri)
    }
field-copy-to = Inviami una copia a questo indirizzo email (facoltativo, non viene salvato)
field-username = Nome utente (facoltativo; riservato a questo invito)
field-roster-subscription = Aggiungi il nuovo account ai miei contatti, e me ai suoi
field-lifetime = Validità
field-uses-account = Quanti account può creare (da 1 a { $max }; 1 con un nome utente)
field-note = Nota per gli amministratori (non visibile alla persona invitata)

form-invite-created = Invito creato
form-invite-created-instructions = Manda tu il link, oppure indica un indirizzo email e lo inviamo noi al posto tuo.
form-create-account = Invito per un nuovo account
form-create-account-instructions = Lascia vuoto il nome utente per farlo scegliere alla persona invitata.

note-invite-created = Invito creato. Manda questo link alla persona che vuoi invitare: { $url } (valido fino al { $expires })
note-email-queued = L’email di invito sta per partire; in «I miei inviti» puoi vedere se è stata consegnata.

## The group-invite command

field-group = Nome del gruppo (il gruppo di contatti in cui finisce chi si unisce)
field-uses-group = Quante persone possono unirsi (da 1 a { $max })
field-lifetime-free = Validità (ad es. 1d, 7d)
form-group = Crea un invito di gruppo
form-group-instructions = Chi si unisce con questo invito diventa contatto tuo e di tutte le persone che si sono unite prima.
note-group-created = Invito di gruppo per { $group } creato. Condividi questo link con le persone che si uniranno: { $url } (valido fino al { $expires })

## My invites (#list)

field-creator = Creati da (vuoto: chiunque)
field-kind = Tipo
field-invites = Inviti
field-action = Azione
option-kind-any = tutti
option-kind-account = account
option-kind-contact = contatto
option-kind-account-and-contact = account e contatto
option-kind-reset = reimpostazione password
option-revoke = Revoca
option-resend = Invia di nuovo l’email (con un nuovo link)
form-filter = Inviti
form-filter-instructions = Quali inviti attivi mostrare.
form-list-admin = Inviti attivi
form-list = I miei inviti
form-list-instructions =
    { $count ->
        [one] Un invito attivo. Selezionalo se vuoi revocarlo, poi vai avanti per confermare.
       *[other] { $count } inviti attivi. Seleziona quelli da revocare, poi vai avanti per confermare.
    }
form-revoke = Revoca inviti
form-revoke-instructions =
    { $count ->
        [one] Revocare questo invito? Il suo link smetterà subito di funzionare.
       *[other] Revocare questi { $count } inviti? I loro link smetteranno subito di funzionare.
    }
form-resend = Invia di nuovo gli inviti
form-resend-instructions =
    { $count ->
        [one] Inviare di nuovo questo invito via email? Riceverà un nuovo link; quello vecchio smetterà di funzionare.
       *[other] Inviare di nuovo questi { $count } inviti via email? Ognuno riceverà un nuovo link; quello vecchio smetterà di funzionare.
    }
note-no-invites = Nessun invito attivo.
note-select-one = Seleziona almeno un invito.
note-not-listed = «{ $value }» non è tra gli inviti elencati.
note-resending = Nuovo invio: { $ids }.
note-revoked =
    { $count ->
        [one] Revocato un invito: { $ids }.
       *[other] Revocati { $count } inviti: { $ids }.
    }
note-email-off = L’invio di email non è configurato su questo servizio.
note-invite-error = { $id }: { $error }

# One line per invite in the list. $kind is one of the option-kind-* words.
summary-invite =
    { $left ->
        [one] #{ $id } { $kind }, del { $created }, scade il { $expires }, resta 1 uso su { $max }
       *[other] #{ $id } { $kind }, del { $created }, scade il { $expires }, restano { $left } usi su { $max }
    }
summary-by = , di { $jid }
summary-for = , per { $username }
summary-note = , nota: { $note }
summary-joined = , usato da: { $jids }
summary-emailed =
    { $sends ->
        [one] , via email a { $address } ({ $sends } invio): { $status }
       *[other] , via email a { $address } ({ $sends } invii): { $status }
    }
summary-email-sending = invio in corso
summary-email-retrying = non ancora consegnata ({ $error })
summary-email-sent = inviata il { $at }
summary-email-failed = ERRORE: { $error }

## Password reset invite (#reset)

field-account = Account (nome utente o indirizzo)
field-note-admins = Nota per gli amministratori
form-reset = Invito di reimpostazione password
form-reset-instructions = Un link monouso la cui pagina permette a chi possiede l’account di impostare una nuova password.
note-reset-created = Invito di reimpostazione password per { $username }. Manda questo link a chi possiede l’account: { $url } (valido fino al { $expires })
error-reset-account-missing = Indica l’account di cui reimpostare la password.
error-reset-not-ours = «{ $account }» non è un account di { $domain }
error-reset-no-account = Non esiste nessun account { $jid }.

## Problems with what was submitted

error-not-boolean = { $field }: «{ $value }» non è né sì né no
error-not-number = { $field }: «{ $value }» non è un numero intero
error-not-duration = { $field }: «{ $value }» non è una durata (ad esempio 1h, 1d o 7d)
error-not-jid = { $field }: «{ $value }» non è un indirizzo come nome@example.org
error-unknown-value = { $field }: «{ $value }» non è tra le scelte possibili
error-group-required = group: serve un nome per il gruppo
error-group-empty = Il nome del gruppo è vuoto.
error-group-long =
    { $max ->
        [one] Il nome del gruppo supera { $max } carattere.
       *[other] Il nome del gruppo supera { $max } caratteri.
    }
error-group-control = Il nome del gruppo contiene caratteri di controllo.
error-mint-username =
    { $max ->
        [one] «{ $username }» non può essere un nome utente: indica solo la parte prima della @, senza spazi né caratteri di controllo, al massimo { $max } carattere.
       *[other] «{ $username }» non può essere un nome utente: indica solo la parte prima della @, senza spazi né caratteri di controllo, al massimo { $max } caratteri.
    }
error-mint-username-reserved = Il nome utente «{ $username }» è già riservato da un altro invito.
error-mint-username-notallowed = Il nome utente «{ $username }» è riservato ai ruoli interni e agli amministratori del server.
error-mint-lifetime = La validità deve essere compresa tra un minuto e { $max }.
error-mint-uses = Il numero di usi deve essere compreso tra 1 e { $max }.
error-mint-uses-username = Un invito riservato a un nome utente crea un solo account: imposta il numero di usi a 1 oppure lascia vuoto il nome utente.
error-mint-note =
    { $max ->
        [one] La nota supera { $max } carattere.
       *[other] La nota supera { $max } caratteri.
    }
error-quota-live =
    { $limit ->
        [one] Hai già { $limit } invito attivo, il massimo consentito; si libera quando viene usato, quando lo revochi («I miei inviti») o il { $frees }, quando scade.
       *[other] Hai già { $limit } inviti attivi, il massimo consentito; se ne libera uno quando viene usato, quando lo revochi («I miei inviti») o il { $frees }, quando scade il primo.
    }
error-quota-daily =
    { $limit ->
        [one] Hai creato { $limit } invito nelle ultime 24 ore, il massimo consentito; potrai crearne un altro il { $frees }.
       *[other] Hai creato { $limit } inviti nelle ultime 24 ore, il massimo consentito; potrai crearne un altro il { $frees }.
    }
error-email-address = Questo indirizzo email non sembra corretto.
error-email-copy = L’indirizzo per la tua copia non sembra corretto.
error-email-long =
    { $max ->
        [one] Il messaggio supera { $max } carattere.
       *[other] Il messaggio supera { $max } caratteri.
    }
error-email-control = Il messaggio contiene caratteri di controllo.
error-email-limit-inviter = Oggi hai inviato { $count } email di invito, il massimo consentito; riprova più tardi.
error-email-limit-recipient = Oggi questo indirizzo ha ricevuto { $count } email di invito, il massimo consentito; riprova più tardi.
error-email-limit-resends =
    { $count ->
        [one] Questo invito è già stato inviato di nuovo { $count } volta, il massimo consentito.
       *[other] Questo invito è già stato inviato di nuovo { $count } volte, il massimo consentito.
    }
error-email-not-emailed = Questo invito non è stato inviato via email.
error-email-already = Questo invito è già stato inviato via email: invialo di nuovo da «I miei inviti».
error-email-not-live = Questo invito non è più attivo.
error-invite-not-found = Non c’è nessun invito { $id } tra quelli che puoi gestire.

## Refusals

error-denied-not-local = Solo gli account di { $domain } possono creare inviti qui.
error-denied-not-admin = Solo gli amministratori di { $domain } possono creare inviti per nuovi account.
error-denied-contact-off = Gli inviti di contatto sono disattivati su { $domain }; rivolgiti a chi amministra il servizio.
error-denied-group = Solo gli amministratori di { $domain } possono creare inviti di gruppo.
error-denied-reset = Solo gli amministratori di { $domain } possono creare inviti di reimpostazione password.
error-manage-not-local = Solo gli account di { $domain } possono gestire inviti qui.

## Protocol errors (stanza error texts)

error-command-unavailable = Questo comando non è disponibile.
error-no-such-command = Questo comando non esiste.
error-no-such-node = Questo nodo non esiste.
error-bad-action = Questa azione non è consentita in questa fase.
error-malformed-action = Azione sconosciuta.
error-bad-session = Sessione sconosciuta.
error-session-expired = Questa sessione del comando è scaduta; ricomincia.
error-needs-form = Questa fase richiede l’invio di un modulo.
error-unexpected-stage = Fase inattesa.
error-too-many-sessions = Troppe sessioni di comandi aperte; prima completane o annullane una.
error-internal = Il servizio di inviti ha avuto un errore interno; riprova più tardi.
error-invite-token = invite-token: mancante, non valido o non è un tuo invito
note-not-emailed = Email non inviata: { $error } Manda tu il link.
