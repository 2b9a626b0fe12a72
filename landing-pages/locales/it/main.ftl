# Landing pages of xmpp-invites, Italian. Message ids, their order and the
# section comments follow en-US/main.ftl. Register: "tu", with wording that
# does not assume the reader's gender where Italian would otherwise need it.
# Placeables are not isolated (the loader turns isolation marks off) because
# several of them are addresses and URLs.

site-name = Inviti per { $domain }
lang-name = Italiano
# The name of the list of links to the page in other languages.
lang-switcher-label = Lingua

## Dates: $year, $day (numbers), $month (the name below), $monthnum (1–12),
## $hour and $minute (two digits, 24-hour clock, UTC)
datetime = { $day } { $month } { $year }, { $hour }:{ $minute }
month-1 = gennaio
month-2 = febbraio
month-3 = marzo
month-4 = aprile
month-5 = maggio
month-6 = giugno
month-7 = luglio
month-8 = agosto
month-9 = settembre
month-10 = ottobre
month-11 = novembre
month-12 = dicembre

## Landing page
invite-title-account = Hai un invito per { $domain }
invite-title-account-by = { $inviter } ti invita a unirti a { $domain }
invite-title-contact = { $inviter } ti invita a chattare
invite-lead-account = { $domain } è un servizio di chat basato su XMPP, lo standard aperto per la messaggistica istantanea. Come con l’email, puoi chattare con chiunque, su qualsiasi servizio XMPP.
invite-lead-contact = Chatta con { $inviter } da qualsiasi app XMPP, lo standard aperto per la messaggistica istantanea.
invite-expires = Questo invito è valido fino al { $date } (UTC).
invite-step-app = 1. Scarica un’app
invite-step-app-platform = Consigliate per il tuo dispositivo
invite-step-app-other = Altri dispositivi
invite-step-open = 2. Apri l’invito nell’app
invite-open-button = Apri l’invito nella tua app
invite-open-note = Le app contrassegnate come «compatibile con gli inviti» configurano tutto da questo link. Con le altre app, crea il tuo account nel browser qui sotto, poi accedi.
invite-open-note-manual = La tua app chiederà a { $inviter } di accettarti come contatto.
invite-step-register = 2. Crea il tuo account
invite-register-heading = Crea un account nel browser
invite-register-text = Scegli qui un indirizzo su { $domain }, poi usalo per accedere da qualsiasi app.
invite-register-button = Crea il mio account
invite-existing-heading = Ho già un indirizzo XMPP
invite-existing-text = Apri il link qui sopra nella tua app e aggiungi { $inviter }, oppure indicaci il tuo indirizzo così { $inviter } potrà accettarti.
invite-existing-button = Usa il mio indirizzo attuale
invite-qr-heading = Su un altro dispositivo?
invite-qr-text = Inquadra questo codice con la fotocamera del telefono per aprire lì questa pagina.
invite-qr-label = Codice QR con l’indirizzo di questa pagina
app-ready = compatibile con gli inviti
app-get = Scarica { $name } da { $store }
platform-android = Android
platform-ios = iPhone e iPad
platform-windows = Windows
platform-macos = macOS
platform-linux = Linux
platform-web = Browser web

## App descriptions (client-ID)
client-conversations = Messaggistica semplice e sicura per Android; riconosce i link di invito.
client-snikket = Messaggistica semplice e riservata per Android; riconosce i link di invito.
client-monal = L’app XMPP per iPhone, iPad e Mac; riconosce i link di invito.
client-siskin = Un’app XMPP leggera per iPhone e iPad.
client-gajim = Un’app XMPP completa per Windows e Linux.
client-dino = Un’app XMPP moderna per il desktop Linux.
client-beagle = Un’app XMPP per Mac.
client-movim = XMPP nel tuo browser, senza installare nulla.

## Registration
register-title = Crea il tuo account su { $domain }
register-fixed = Questo invito è per l’indirizzo { $jid }.
register-username = Nome utente
register-username-hint = Lettere, cifre e . _ - vanno sempre bene. Il tuo indirizzo sarà nomeutente@{ $domain }.
register-password = Password
register-password-hint =
    { $min ->
        [one] Almeno { $min } carattere.
       *[other] Almeno { $min } caratteri.
    }
register-confirm = Ripeti la password
register-submit = Crea account
register-done-title = Ti diamo il benvenuto, { $jid }!
register-done-text = Il tuo account è pronto. Installa un’app e accedi con il tuo indirizzo e la password che hai appena scelto.
register-done-contact = { $inviter } è già tra i tuoi contatti.
register-done-address = Il tuo indirizzo

## Existing address
existing-title = Chatta con { $inviter }
existing-text = Scrivi il tuo indirizzo XMPP così { $inviter } potrà accettarti subito.
existing-address = Il tuo indirizzo XMPP
existing-address-hint = Ad esempio: nome@example.org
existing-submit = Continua
accepted-title = Ci sei quasi
accepted-text = { $inviter } ti accetterà automaticamente. Ora aggiungi { $inviter } come contatto nella tua app:
accepted-button = Aggiungi { $inviter } nella mia app
group-joined-title = Ora fai parte di { $group }
group-joined-text = Tutti in { $group } ti hanno già tra i loro contatti. Aggiungili uno per uno nella tua app e vi vedrete a vicenda:
group-add-button = Aggiungi { $member } nella mia app
group-joined-manual = Se un pulsante non fa nulla, aggiungi quella persona come contatto a mano, in un gruppo chiamato { $group }.
group-landing-note = Questo invito è per il gruppo { $group }: chi si unisce diventa contatto di tutti gli altri membri.
accepted-manual = Se il pulsante non fa nulla, aggiungi { $inviter } come contatto a mano nella tua app.

## Field errors
error-summary = Correggi i campi segnalati qui sotto.
error-username-empty = Scegli un nome utente.
error-username-invalid = Questo nome utente contiene caratteri non ammessi in un indirizzo XMPP, oppure è troppo lungo.
error-username-fixed = Con questo invito puoi creare solo l’account { $username }.
error-username-reserved = Questo nome utente è riservato a un’altra persona.
error-username-long =
    { $max ->
        [one] Il nome utente può avere al massimo { $max } carattere.
       *[other] Il nome utente può avere al massimo { $max } caratteri.
    }
error-username-notallowed = Questo nome utente è riservato all’uso interno del server; scegline un altro.
error-username-taken = Questo nome utente è già in uso; scegline un altro.
error-password-short =
    { $min ->
        [one] La password deve avere almeno { $min } carattere.
       *[other] La password deve avere almeno { $min } caratteri.
    }
error-password-long =
    { $max ->
        [one] La password può avere al massimo { $max } carattere.
       *[other] La password può avere al massimo { $max } caratteri.
    }
error-password-username = La password non può essere uguale al nome utente.
error-password-mismatch = Le due password non coincidono.
error-password-chars = La password contiene caratteri non utilizzabili (caratteri di controllo o di formattazione). Digitala di nuovo.
error-password-server = Questo server di chat non può salvare alcuni caratteri di questa password, come le emoji. Scegli una password che non li contenga.
error-address-invalid = Questo non è un indirizzo XMPP (nome@example.org).
error-address-inviter = Questo è l’indirizzo della persona che ti ha mandato l’invito.
error-form-expired = Questo modulo è scaduto. Invialo di nuovo.

## Password reset
reset-title = Nuova password per { $jid }
reset-lead = Scegli una nuova password per il tuo account { $jid }. I tuoi contatti e messaggi restano come sono.
reset-expires = Questo link è valido fino al { $date } (UTC) e funziona una sola volta.
reset-account = Il tuo indirizzo
reset-password = Nuova password
reset-submit = Imposta la nuova password
reset-done-title = La tua nuova password è impostata
reset-done-text = Accedi a { $jid } con la nuova password. Le app ancora connesse con quella vecchia ti chiederanno quella nuova.
reset-unknown-title = Non siamo riusciti a confermare la tua nuova password
reset-unknown-text = Il server di chat non ha risposto in tempo, quindi non sappiamo se la nuova password è stata impostata. Prova ad accedere con la nuova password, poi con quella vecchia. Questo link è già stato usato: se nessuna delle due funziona, chiedine uno nuovo.
reset-unavailable-text = La tua password non è stata cambiata e questo link funziona ancora. Riprova tra qualche minuto.
reset-refused-title = Il server di chat non ha cambiato la password
reset-refused-text = La tua password non è stata cambiata e questo link funziona ancora. Riprova più tardi, oppure avvisa la persona che te l’ha mandato.
reset-noaccount-title = Questo account non esiste più
reset-noaccount-text = Non c’è nessun account per cui impostare una password. Chiedi alla persona che ti ha mandato questo link.

## Dead invites and errors
dead-notfound-title = Invito non trovato
dead-notfound-text = Questo link di invito non è valido. Controlla di aver copiato tutto il link, oppure chiedi un nuovo invito.
dead-expired-title = Questo invito è scaduto
dead-expired-text = Gli inviti valgono per un tempo limitato. Chiedine uno nuovo alla persona che te l’ha mandato.
dead-used-title = Questo invito è già stato usato
dead-used-text = Ogni invito si può usare solo un numero limitato di volte. Chiedine uno nuovo alla persona che te l’ha mandato.
error-unavailable-title = Il server di chat non è raggiungibile al momento
error-unavailable-text = Il tuo account non è stato creato e il tuo invito è ancora valido. Riprova tra qualche minuto.
register-exists-title = Il tuo account { $jid } è pronto
register-exists-text = È stato creato con questo invito poco fa. Apri la tua app e accedi con la password che hai scelto allora.
error-pending-title = Stiamo configurando il tuo account
error-pending-text = Il server di chat non ha risposto in tempo, quindi non sappiamo ancora se il tuo account è stato creato. Aspetta un minuto, poi invia di nuovo il modulo con lo stesso nome utente e la stessa password.
error-confirmations-title = Troppi messaggi di conferma
error-confirmations-text = Per oggi sono già stati inviati abbastanza messaggi di conferma a questo indirizzo o per questo invito. Cerca il messaggio già inviato, oppure riprova domani.
error-refused-title = Il server di chat non ha creato l’account
error-refused-text = Il tuo invito è ancora valido. Riprova più tardi, oppure avvisa la persona che te l’ha mandato.
error-internal-title = Qualcosa è andato storto
error-internal-text = Il tuo invito è ancora valido. Riprova più tardi.
error-ratelimit-title = Troppe richieste
error-ratelimit-text = Aspetta un minuto, poi riprova.
error-badrequest-title = Impossibile capire questa richiesta
error-badrequest-text = Torna indietro e riprova.
error-forbidden-title = Questo modulo è stato inviato da un altro sito
error-forbidden-text = Per la tua sicurezza non è stato accettato. Riapri il link di invito e usa il modulo che trovi lì.
index-title = Inviti per { $domain }
index-text = Questo servizio crea account su { $domain } per chi ha un link di invito. Se ne hai uno, aprilo.
accept-title = Hai un codice di invito?
accept-code = Link o codice di invito
accept-code-hint = Incolla il link, il codice o l’indirizzo xmpp: che hai ricevuto.
accept-submit = Apri l’invito
accept-empty = Prima incolla un link o un codice di invito.
accept-garbage = Questo non è un link né un codice di invito. Controlla di averlo copiato tutto.

## Message to the inviter (XMPP)
notify-accepted = { $jid } ha accettato il tuo invito.
notify-reset = { $jid } ha impostato una nuova password con il tuo invito di reimpostazione.
notify-reset-unknown = { $jid } ha usato il tuo invito di reimpostazione, ma il server non ha confermato la nuova password. Se non riesce ad accedere, mandagliene uno nuovo.

## Confirmation by a user of this server
confirm-sent-title = Controlla i tuoi messaggi
confirm-sent-text = Abbiamo inviato a { $address } un messaggio con un link. Aprilo dopo aver effettuato l’accesso con quell’account: tu e { $inviter } diventerete contatti.
confirm-title = Aggiungere { $inviter } ai contatti?
confirm-text = { $inviter } ha invitato { $address } a chattare. Conferma e vi troverete a vicenda tra i contatti.
confirm-button = Conferma
confirm-done-title = Ora tu e { $inviter } siete contatti
confirm-done-text = Apri la tua app: { $inviter } è tra i tuoi contatti.
confirm-request = { $inviter } ti invita a chattare. Per accettare e diventare contatti, apri: { $url }
error-toolarge-title = Questo modulo è troppo grande
error-toolarge-text = Quello che hai inviato è più lungo di qualsiasi risposta valida. Torna indietro e accorcialo.
error-timeout-title = Questo modulo ha impiegato troppo ad arrivare
error-timeout-text = La connessione era troppo lenta. Torna indietro e invia di nuovo il modulo.

## Invitation email
email-subject = { $inviter } ti invita a chattare su { $domain }
email-intro = { $inviter } vuole chattare con te su { $domain } e ti ha mandato questo invito.
email-message-intro = Il suo messaggio:
email-link-intro = Per accettare, apri questo link e segui i passaggi:
email-button = Accetta l’invito
email-expiry = Il link funziona fino al { $expires } (UTC). È solo per te: non inoltrare questa email.
email-about = Cos’è? { $domain } è un servizio di chat basato su XMPP, uno standard aperto per la messaggistica: come con l’email, persone su servizi diversi possono scriversi, ognuna con l’app che preferisce. La pagina del link ti aiuta a scegliere un’app e a creare il tuo account, oppure a usare l’indirizzo che hai già.
email-copy = Questa è una copia dell’invito che hai inviato.
email-footer = Ricevi questa email perché { $inviter } ha inserito il tuo indirizzo. Se non conosci questa persona, puoi ignorare questa email.
