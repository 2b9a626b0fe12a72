# What the component says over XMPP: command names (disco#items), form
# titles, instructions, field and option labels, notes and error texts.
# Node names and form field names (vars) are machine names and stay as
# they are; only what a person reads is here. The notification texts
# (notify-*, confirm-request) are in main.ftl.
# Portuguese (Brazil): the reader is addressed as "você".

## Command names, as listed by a client

cmd-invite = Convidar alguém
cmd-create-account = Criar conta
cmd-group = Criar convite de grupo
cmd-list = Meus convites
cmd-reset = Convite de redefinição de senha
cmd-list-identity = Comandos

## Durations offered in the lifetime lists

lifetime-1h = 1 hora
lifetime-1d = 1 dia
lifetime-7d = 1 semana
lifetime-30d = 30 dias

## The XEP-0401 result form and the invite commands

field-uri = URI do convite
field-landing-url = Link web do convite
field-expire = Válido até (UTC)
field-email = Enviar o convite por e-mail para (opcional)
field-message =
    Mensagem pessoal no e-mail (opcional, no máximo { $max } { $max ->
        [one] caractere
       *[other] caracteres
    })
field-copy-to = Receber uma cópia neste endereço de e-mail (opcional, não fica guardado)
field-username = Nome de usuário (opcional; fica reservado para este convite)
field-roster-subscription = Adicionar a nova conta aos meus contatos, e eu aos contatos dela
field-lifetime = Validade
field-uses-account = Quantas contas o convite pode criar (de 1 a { $max }; 1 se houver nome de usuário)
field-note = Observação para os administradores (a pessoa convidada não vê)

form-invite-created = Convite criado
form-invite-created-instructions = Envie o link por conta própria ou informe um endereço de e-mail para que nós o enviemos.
form-create-account = Criar um convite de conta
form-create-account-instructions = Deixe o nome de usuário em branco para que a pessoa convidada escolha um.

note-invite-created = Convite criado. Envie este link para a pessoa que você está convidando: { $url } (válido até { $expires })
note-email-queued = O e-mail com o convite está a caminho; em Meus convites você vê se ele foi entregue.

## The group-invite command

field-group = Nome do grupo (o grupo de contatos em que todos que entrarem serão colocados)
field-uses-group = Quantas pessoas podem entrar (de 1 a { $max })
field-lifetime-free = Validade (ex.: 1d, 7d)
form-group = Criar um convite de grupo
form-group-instructions = Todos que entrarem com este convite passam a ser contatos seus e de todos que entraram antes.
note-group-created = Convite para o grupo { $group } criado. Compartilhe este link com as pessoas que vão entrar: { $url } (válido até { $expires })

## My invites (#list)

field-creator = Criado por (vazio: qualquer pessoa)
field-kind = Tipo
field-invites = Convites
field-action = Ação
option-kind-any = qualquer
option-kind-account = conta
option-kind-contact = contato
option-kind-account-and-contact = conta e contato
option-kind-reset = redefinição de senha
option-revoke = Revogar
option-resend = Reenviar o e-mail (com um novo link)
form-filter = Convites
form-filter-instructions = Escolha quais convites ativos listar.
form-list-admin = Convites ativos
form-list = Meus convites
form-list-instructions =
    { $count ->
        [one] { $count } convite ativo. Marque os que quer revogar e continue para confirmar.
       *[other] { $count } convites ativos. Marque os que quer revogar e continue para confirmar.
    }
form-revoke = Revogar convites
form-revoke-instructions =
    { $count ->
        [one] Revogar este convite? O link dele vai parar de funcionar na hora.
       *[other] Revogar estes { $count } convites? Os links deles vão parar de funcionar na hora.
    }
form-resend = Reenviar convites
form-resend-instructions =
    { $count ->
        [one] Enviar este convite por e-mail de novo? Ele ganha um novo link, e o antigo para de funcionar.
       *[other] Enviar estes { $count } convites por e-mail de novo? Cada um ganha um novo link, e o antigo para de funcionar.
    }
note-no-invites = Nenhum convite ativo.
note-select-one = Selecione pelo menos um convite.
note-not-listed = “{ $value }” não é um dos convites da lista.
note-resending = Reenviando: { $ids }.
note-revoked =
    { $count ->
        [one] { $count } convite revogado: { $ids }.
       *[other] { $count } convites revogados: { $ids }.
    }
note-email-off = O envio de e-mails não está configurado neste serviço.
note-invite-error = { $id }: { $error }

# One line per invite in the list. $kind is one of the option-kind-* words.
summary-invite = #{ $id } ({ $kind }), criado em { $created }, expira em { $expires }, usos restantes: { $left } de { $max }
summary-by = , criado por { $jid }
summary-for = , para { $username }
summary-note = , observação: { $note }
summary-joined = , usado por: { $jids }
summary-emailed =
    , enviado por e-mail para { $address } ({ $sends } { $sends ->
        [one] envio
       *[other] envios
    }): { $status }
summary-email-sending = enviando
summary-email-retrying = ainda não entregue ({ $error })
summary-email-sent = enviado em { $at }
summary-email-failed = FALHOU: { $error }

## Password reset invite (#reset)

field-account = Conta (nome de usuário ou endereço)
field-note-admins = Observação para os administradores
form-reset = Convite de redefinição de senha
form-reset-instructions = Um link de uso único que abre uma página onde quem usa a conta pode definir uma nova senha.
note-reset-created = Convite de redefinição de senha para { $username }. Envie este link para quem usa essa conta: { $url } (válido até { $expires })
error-reset-account-missing = Informe a conta cuja senha será redefinida.
error-reset-not-ours = “{ $account }” não é uma conta de { $domain }
error-reset-no-account = A conta { $jid } não existe.

## Problems with what was submitted

error-not-boolean = { $field }: “{ $value }” não é sim nem não
error-not-number = { $field }: “{ $value }” não é um número inteiro
error-not-duration = { $field }: “{ $value }” não é uma duração (por exemplo 1h, 1d ou 7d)
error-not-jid = { $field }: “{ $value }” não é um endereço como nome@example.org
error-unknown-value = { $field }: “{ $value }” não é uma das opções
error-group-required = group: o nome do grupo é obrigatório
error-group-empty = O nome do grupo está vazio.
error-group-long =
    O nome do grupo tem mais de { $max } { $max ->
        [one] caractere
       *[other] caracteres
    }.
error-group-control = O nome do grupo contém caracteres de controle.
error-mint-username =
    “{ $username }” não pode ser um nome de usuário: informe só a parte antes do @, sem espaços nem caracteres de controle, com no máximo { $max } { $max ->
        [one] caractere
       *[other] caracteres
    }.
error-mint-username-reserved = O nome de usuário “{ $username }” já está reservado por outro convite.
error-mint-username-notallowed = O nome de usuário “{ $username }” é reservado para as funções do próprio servidor e para os administradores.
error-mint-lifetime = A validade deve ficar entre um minuto e { $max }.
error-mint-uses = O número de usos deve ficar entre 1 e { $max }.
error-mint-uses-username = Um convite reservado para um nome de usuário cria uma só conta: defina o número de usos como 1 ou deixe o nome de usuário em branco.
error-mint-note =
    A observação tem mais de { $max } { $max ->
        [one] caractere
       *[other] caracteres
    }.
error-quota-live =
    { $limit ->
        [one] Você já tem { $limit } convite ativo, o máximo permitido; uma vaga é liberada quando ele for usado, quando você o revogar (Meus convites) ou em { $frees }, quando ele expirar.
       *[other] Você já tem { $limit } convites ativos, o máximo permitido; uma vaga é liberada quando um deles for usado, quando você revogar um (Meus convites) ou em { $frees }, quando o primeiro expirar.
    }
error-quota-daily =
    { $limit ->
        [one] Você criou { $limit } convite nas últimas 24 horas, o máximo permitido; o próximo poderá ser criado em { $frees }.
       *[other] Você criou { $limit } convites nas últimas 24 horas, o máximo permitido; o próximo poderá ser criado em { $frees }.
    }
error-email-address = Esse endereço de e-mail não parece correto.
error-email-copy = O endereço para a sua cópia não parece correto.
error-email-long =
    A mensagem tem mais de { $max } { $max ->
        [one] caractere
       *[other] caracteres
    }.
error-email-control = A mensagem contém caracteres de controle.
error-email-limit-inviter =
    { $count ->
        [one] Você já enviou { $count } e-mail de convite hoje, o máximo permitido; tente novamente mais tarde.
       *[other] Você já enviou { $count } e-mails de convite hoje, o máximo permitido; tente novamente mais tarde.
    }
error-email-limit-recipient =
    { $count ->
        [one] Este endereço já recebeu { $count } e-mail de convite hoje, o máximo permitido; tente novamente mais tarde.
       *[other] Este endereço já recebeu { $count } e-mails de convite hoje, o máximo permitido; tente novamente mais tarde.
    }
error-email-limit-resends =
    { $count ->
        [one] Este convite já foi reenviado { $count } vez, o máximo permitido.
       *[other] Este convite já foi reenviado { $count } vezes, o máximo permitido.
    }
error-email-not-emailed = Este convite não foi enviado por e-mail.
error-email-already = Este convite já foi enviado por e-mail: para enviá-lo de novo, use Meus convites.
error-email-not-live = Este convite não está mais ativo.
error-invite-not-found = Não há nenhum convite { $id } entre os que você pode gerenciar.

## Refusals

error-denied-not-local = Só usuários de { $domain } podem criar convites aqui.
error-denied-not-admin = Só administradores de { $domain } podem criar convites de conta.
error-denied-contact-off = Os convites de contato estão desativados em { $domain }; fale com a administração.
error-denied-group = Só administradores de { $domain } podem criar convites de grupo.
error-denied-reset = Só administradores de { $domain } podem criar convites de redefinição de senha.
error-manage-not-local = Só usuários de { $domain } podem gerenciar convites aqui.

## Protocol errors (stanza error texts)

error-command-unavailable = Este comando não está disponível.
error-no-such-command = Este comando não existe.
error-no-such-node = Este nó não existe.
error-bad-action = Essa ação não é permitida nesta etapa.
error-malformed-action = Ação desconhecida.
error-bad-session = Sessão desconhecida.
error-session-expired = Esta sessão de comando expirou; comece de novo.
error-needs-form = Esta etapa precisa de um formulário preenchido.
error-unexpected-stage = Etapa inesperada.
error-too-many-sessions = Há sessões de comando abertas demais; conclua ou cancele uma primeiro.
error-internal = O serviço de convites teve um erro interno; tente novamente mais tarde.
error-invite-token = invite-token: ausente, malformado ou não é um convite seu
note-not-emailed = E-mail não enviado: { $error } Envie o link por conta própria.
