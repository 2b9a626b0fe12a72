# Landing pages of xmpp-invites. Every string a visitor sees is here.
# Placeables are not isolated (the loader turns isolation marks off) because
# several of them are addresses and URLs.
# Portuguese (Brazil): the reader is addressed as "você".

site-name = Convites para { $domain }
lang-name = Português (Brasil)
# The name of the list of links to the page in other languages.
lang-switcher-label = Idioma

## Dates: $year, $day (numbers), $month (the name below), $monthnum (1–12),
## $hour and $minute (two digits, 24-hour clock, UTC)
datetime = { $day } de { $month } de { $year }, { $hour }:{ $minute }
month-1 = janeiro
month-2 = fevereiro
month-3 = março
month-4 = abril
month-5 = maio
month-6 = junho
month-7 = julho
month-8 = agosto
month-9 = setembro
month-10 = outubro
month-11 = novembro
month-12 = dezembro

## Landing page
invite-title-account = Você recebeu um convite para entrar em { $domain }
invite-title-account-by = { $inviter } convidou você para entrar em { $domain }
invite-title-contact = { $inviter } convidou você para conversar
invite-lead-account = { $domain } é um serviço de chat baseado no XMPP, o padrão aberto de mensagens instantâneas. Você pode conversar com qualquer pessoa em qualquer serviço XMPP, como acontece com o e-mail.
invite-lead-contact = Converse com { $inviter } em qualquer aplicativo XMPP, o padrão aberto de mensagens instantâneas.
invite-expires = Este convite é válido até { $date } (UTC).
invite-step-app = 1. Baixe um aplicativo
invite-step-app-platform = Recomendados para o seu dispositivo
invite-step-app-other = Outros dispositivos
invite-step-open = 2. Abra o convite no aplicativo
invite-open-button = Abrir o convite no aplicativo
invite-open-note = Os aplicativos marcados com “aceita convites” configuram tudo a partir deste link. Com outros aplicativos, crie sua conta no navegador aqui embaixo e depois faça login.
invite-open-note-manual = Seu aplicativo vai pedir a { $inviter } que aceite você como contato.
invite-step-register = 2. Crie sua conta
invite-register-heading = Criar uma conta no navegador
invite-register-text = Escolha aqui um endereço em { $domain } e depois use-o para fazer login em qualquer aplicativo.
invite-register-button = Criar minha conta
invite-existing-heading = Já tenho um endereço XMPP
invite-existing-text = Abra o link acima no seu aplicativo e adicione { $inviter }, ou informe seu endereço para que { $inviter } já possa aceitar você.
invite-existing-button = Usar meu endereço atual
invite-qr-heading = Está em outro dispositivo?
invite-qr-text = Escaneie este código com a câmera do celular para abrir esta página nele.
invite-qr-label = QR code com o endereço desta página
app-ready = aceita convites
app-get = Baixar { $name } via { $store }
platform-android = Android
platform-ios = iPhone e iPad
platform-windows = Windows
platform-macos = macOS
platform-linux = Linux
platform-web = Navegador

## App descriptions (client-ID)
client-conversations = Mensagens fáceis e seguras no Android; reconhece links de convite.
client-snikket = Mensagens simples e privadas no Android; reconhece links de convite.
client-monal = O aplicativo XMPP para iPhone, iPad e Mac; reconhece links de convite.
client-siskin = Um aplicativo XMPP leve para iPhone e iPad.
client-gajim = Um aplicativo XMPP completo para Windows e Linux.
client-dino = Um aplicativo XMPP moderno para computadores com Linux.
client-beagle = Um aplicativo XMPP para Mac.
client-movim = XMPP no seu navegador, sem instalar nada.

## Registration
register-title = Crie sua conta em { $domain }
register-fixed = Este convite é para o endereço { $jid }.
register-username = Nome de usuário
register-username-hint = Letras, números e . _ - são seguros. Seu endereço será usuário@{ $domain }.
register-password = Senha
register-password-hint =
    Pelo menos { $min } { $min ->
        [one] caractere
       *[other] caracteres
    }.
register-confirm = Repita a senha
register-submit = Criar conta
register-done-title = Boas-vindas, { $jid }!
register-done-text = Sua conta está pronta. Instale um aplicativo e faça login com seu endereço e a senha que você acabou de escolher.
register-done-contact = { $inviter } já está nos seus contatos.
register-done-address = Seu endereço

## Existing address
existing-title = Converse com { $inviter }
existing-text = Digite seu endereço XMPP para que { $inviter } possa aceitar você na hora.
existing-address = Seu endereço XMPP
existing-address-hint = Por exemplo: nome@example.org
existing-submit = Continuar
accepted-title = Quase lá
accepted-text = { $inviter } vai aceitar você automaticamente. Agora adicione { $inviter } como contato no seu aplicativo:
accepted-button = Adicionar { $inviter } no aplicativo
group-joined-title = Você entrou no grupo { $group }
group-joined-text = Todos do grupo { $group } já têm você nos contatos. Adicione cada pessoa no seu aplicativo para que vocês possam ver uns aos outros:
group-add-button = Adicionar { $member } no aplicativo
group-joined-manual = Se um botão não fizer nada, adicione essa pessoa como contato manualmente, em um grupo chamado { $group }.
group-landing-note = Este convite é para o grupo { $group }: todos que entrarem passam a ser contatos de todos os outros membros.
accepted-manual = Se o botão não fizer nada, adicione { $inviter } como contato manualmente no seu aplicativo.

## Field errors
error-summary = Corrija os campos marcados abaixo.
error-username-empty = Escolha um nome de usuário.
error-username-invalid = Este nome de usuário tem caracteres que um endereço XMPP não aceita, ou é longo demais.
error-username-fixed = Este convite só pode criar a conta { $username }.
error-username-reserved = Este nome de usuário está reservado para outra pessoa.
error-username-long =
    O nome de usuário pode ter no máximo { $max } { $max ->
        [one] caractere
       *[other] caracteres
    }.
error-username-notallowed = Este nome de usuário é reservado para uso do próprio servidor; escolha outro.
error-username-taken = Este nome de usuário já está em uso; escolha outro.
error-password-short =
    A senha precisa ter pelo menos { $min } { $min ->
        [one] caractere
       *[other] caracteres
    }.
error-password-long =
    A senha pode ter no máximo { $max } { $max ->
        [one] caractere
       *[other] caracteres
    }.
error-password-username = A senha não pode ser igual ao nome de usuário.
error-password-mismatch = As senhas não coincidem.
error-password-chars = A senha contém caracteres que não podem ser usados (caracteres de controle ou de formatação). Digite-a novamente.
error-password-server = Este servidor de chat não consegue guardar alguns caracteres desta senha, como emojis. Escolha uma senha sem eles.
error-address-invalid = Isto não é um endereço XMPP (nome@example.org).
error-address-inviter = Este é o endereço de quem convidou você.
error-form-expired = Este formulário expirou. Envie-o novamente.

## Password reset
reset-title = Defina uma nova senha para { $jid }
reset-lead = Escolha uma nova senha para sua conta { $jid }. Seus contatos e mensagens continuam como estão.
reset-expires = Este link é válido até { $date } (UTC) e só pode ser usado uma vez.
reset-account = Seu endereço
reset-password = Nova senha
reset-submit = Definir nova senha
reset-done-title = Sua nova senha foi definida
reset-done-text = Faça login em { $jid } com sua nova senha. Os aplicativos que ainda estiverem conectados com a senha antiga vão pedir a nova.
reset-unknown-title = Não conseguimos confirmar sua nova senha
reset-unknown-text = O servidor de chat não respondeu a tempo, então não sabemos se sua nova senha foi definida. Tente fazer login com a nova senha e, depois, com a antiga. Este link já foi usado: se nenhuma das duas funcionar, peça um novo.
reset-unavailable-text = Sua senha não foi alterada e este link continua valendo. Tente novamente em alguns minutos.
reset-refused-title = O servidor de chat não alterou a senha
reset-refused-text = Sua senha não foi alterada e este link continua valendo. Tente novamente mais tarde ou avise a pessoa que enviou o link para você.
reset-noaccount-title = Esta conta não existe mais
reset-noaccount-text = Não há nenhuma conta para a qual definir uma senha. Fale com a pessoa que enviou este link para você.

## Dead invites and errors
dead-notfound-title = Convite não encontrado
dead-notfound-text = Este link de convite não é válido. Verifique se você copiou o link inteiro ou peça um novo convite.
dead-expired-title = Este convite expirou
dead-expired-text = Os convites valem por tempo limitado. Peça um novo para quem convidou você.
dead-used-title = Este convite já foi usado
dead-used-text = Cada convite só pode ser usado um número limitado de vezes. Peça um novo para quem convidou você.
error-unavailable-title = Não foi possível acessar o servidor de chat agora
error-unavailable-text = Sua conta não foi criada e seu convite continua válido. Tente novamente em alguns minutos.
register-exists-title = Sua conta { $jid } está pronta
register-exists-text = Ela acabou de ser criada com este convite. Abra seu aplicativo e faça login com a senha que você escolheu.
error-pending-title = Sua conta está sendo criada
error-pending-text = O servidor de chat não respondeu a tempo, então ainda não sabemos se sua conta foi criada. Aguarde um minuto e envie o formulário de novo com o mesmo nome de usuário e a mesma senha.
error-confirmations-title = Mensagens de confirmação demais
error-confirmations-text = Este endereço, ou este convite, já recebeu o máximo de mensagens de confirmação por hoje. Procure a mensagem que já foi enviada ou tente novamente amanhã.
error-refused-title = O servidor de chat não criou a conta
error-refused-text = Seu convite continua válido. Tente novamente mais tarde ou avise quem convidou você.
error-internal-title = Algo deu errado
error-internal-text = Seu convite continua válido. Tente novamente mais tarde.
error-ratelimit-title = Muitas solicitações
error-ratelimit-text = Aguarde um minuto e tente novamente.
error-badrequest-title = Não foi possível entender esta solicitação
error-badrequest-text = Volte e tente novamente.
error-forbidden-title = Este formulário foi enviado de outro site
error-forbidden-text = Para sua segurança, ele não foi aceito. Abra o link do convite de novo e use o formulário que aparece lá.
index-title = Convites para { $domain }
index-text = Este serviço cria contas em { $domain } para quem tem um link de convite. Se você tem um, é só abri-lo.
accept-title = Tem um código de convite?
accept-code = Link ou código do convite
accept-code-hint = Cole o link, o código ou o endereço xmpp: que você recebeu.
accept-submit = Abrir o convite
accept-empty = Primeiro, cole um link ou código de convite.
accept-garbage = Isto não é um link nem um código de convite. Verifique se você copiou tudo.

## Message to the inviter (XMPP)
notify-accepted = { $jid } aceitou seu convite.
notify-reset = { $jid } definiu uma nova senha com seu convite de redefinição de senha.
notify-reset-unknown = { $jid } usou seu convite de redefinição de senha, mas o servidor não confirmou a nova senha. Se a pessoa não conseguir fazer login, envie um novo convite.

## Confirmation by a user of this server
confirm-sent-title = Confira suas mensagens
confirm-sent-text = Enviamos uma mensagem com um link para { $address }. Abra o link nessa conta para que você e { $inviter } virem contatos.
confirm-title = Adicionar { $inviter } aos seus contatos?
confirm-text = { $inviter } convidou { $address } para conversar. Confirme e vocês vão aparecer nos contatos um do outro.
confirm-button = Confirmar
confirm-done-title = Agora você e { $inviter } são contatos
confirm-done-text = Abra seu aplicativo: { $inviter } está nos seus contatos.
confirm-request = { $inviter } convidou você para conversar. Para aceitar e vocês virarem contatos, abra: { $url }
error-toolarge-title = Este formulário é grande demais
error-toolarge-text = O que você enviou é mais longo do que qualquer resposta válida. Volte e encurte o texto.
error-timeout-title = Este formulário demorou demais para chegar
error-timeout-text = A conexão estava lenta demais. Volte e envie o formulário novamente.

## Invitation email
email-subject = { $inviter } convidou você para conversar em { $domain }
email-intro = { $inviter } convidou você para conversar em { $domain }.
email-message-intro = Mensagem pessoal:
email-link-intro = Para aceitar, abra este link e siga as etapas:
email-button = Aceitar o convite
email-expiry = O link funciona até { $expires } (UTC). Ele é só para você: não encaminhe este e-mail.
email-about = O que é isto? { $domain } é um serviço de chat que usa o XMPP, um padrão aberto de mensagens: como no e-mail, pessoas em serviços diferentes podem conversar entre si, cada uma no aplicativo que preferir. A página do link ajuda você a escolher um aplicativo e criar sua conta, ou a usar o endereço que você já tem.
email-copy = Esta é uma cópia do convite que você enviou.
email-footer = Você recebeu este e-mail porque { $inviter } informou seu endereço. Se você não conhece essa pessoa, pode ignorar este e-mail.
