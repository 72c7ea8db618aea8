MESSAGES = {
    "app.tagline": "Caixa de entrada única para a sua clínica",
    "login.title": "Entrar no Omni",
    "login.email": "E-mail",
    "login.password": "Senha",
    "login.submit": "Entrar",
    "login.error.invalid_credentials": "E-mail ou senha incorretos.",
    "login.error.locked": "Esta conta está bloqueada. Fale com o administrador da clínica.",
    "login.error.disabled": "Seu acesso foi desativado. Fale com o administrador da clínica.",
    "login.error.rate_limited": "Muitas tentativas. Aguarde alguns minutos e tente de novo.",
    "login.error.not_confirmed": "Confirme seu e-mail antes de entrar.",
    "login.error.unavailable": "Não foi possível entrar agora. Tente de novo em instantes.",
    "login.reason.disabled": "Sua conta foi desativada por um administrador.",
    "nav.home": "Início",
    "nav.team": "Equipe",
    "nav.logout": "Sair",
    "nav.theme": "Alternar tema",
    "nav.language": "Idioma",
    "role.admin": "Administrador",
    "role.staff": "Atendente",
    "home.notice.admin_only": "Somente os administradores da clínica podem abrir essa página.",
    "home.title": "Início",
    "home.open_conversations": "Conversas abertas",
    "home.unread_messages": "Mensagens não lidas",
    "home.appointments_today": "Consultas hoje",
    "home.open_leads": "Leads em aberto",
    "home.revenue_this_month": "Receita do mês",
    "onboarding.title": "Crie sua clínica",
    "onboarding.intro": "Você ainda não faz parte de uma clínica. Crie a sua para começar; depois "
                        "convide sua equipe.",
    "onboarding.name": "Nome da clínica",
    "onboarding.timezone": "Fuso horário",
    "onboarding.submit": "Criar clínica",
    "onboarding.error.name": "Informe o nome da clínica.",
    "onboarding.error.failed": "Não foi possível criar a clínica. Tente de novo em instantes.",
    "team.title": "Equipe",
    "team.members": "Membros",
    "team.confirm.cancel": "Voltar",
    "team.confirm.disable.title": "Desativar o acesso?",
    "team.confirm.disable.text": "Esta pessoa sai do Omni agora, em todos os dispositivos, e não "
                                 "poderá entrar até ser reativada.",
    "team.confirm.demote.title": "Tirar o acesso de administrador?",
    "team.confirm.demote.text": "Esta pessoa deixa de gerenciar a equipe e as integrações, e as "
                                "chaves de API que ela criou são revogadas.",
    "team.confirm.revoke.title": "Cancelar o convite?",
    "team.confirm.revoke.text": "Este convite não poderá mais ser aceito. Você pode convidar de "
                                "novo depois.",
    "team.status.active": "Ativo",
    "team.status.invited": "Convidado",
    "team.status.disabled": "Desativado",
    "team.invite": "Convidar membro",
    "team.invite.name": "Nome completo",
    "team.invite.email": "E-mail",
    "team.invite.submit": "Convidar",
    "team.error.email": "Informe um e-mail válido.",
    "team.disable": "Desativar",
    "team.enable": "Reativar",
    "team.make_admin": "Tornar administrador",
    "team.make_staff": "Tornar equipe",
    "team.error.self": "Você não pode alterar o seu próprio acesso.",
    "team.error.failed": "Não foi possível salvar. Tente de novo em instantes.",
    "team.you": "você",
    "integrations.nav": "Integrações",
    "integrations.title": "Integrações",
    "integrations.intro": "Conecte o fluxo do n8n de cada canal. Os segredos ficam criptografados "
                          "e só aparecem mascarados.",
    "integrations.status": "Recebendo mensagens",
    "integrations.status.active": "Ativa",
    "integrations.status.inactive": "Inativa",
    "integrations.not_configured": "Ainda não configurada: gere um segredo de assinatura para "
                                   "obter a URL de webhook deste canal.",
    "integrations.webhook_url": "URL de webhook (o n8n envia as mensagens recebidas para cá)",
    "integrations.outbound_url": "URL de saída do n8n (o Omni envia as respostas para lá)",
    "integrations.save": "Salvar",
    "integrations.saved": "Salvo.",
    "integrations.last_used": "Última mensagem recebida",
    "integrations.never": "Nunca",
    "integrations.not_set": "Não definido",
    "integrations.clear": "Remover",
    "integrations.secret.title": "Segredo de assinatura",
    "integrations.secret.generate": "Gerar segredo de assinatura",
    "integrations.secret.rotate": "Trocar segredo de assinatura",
    "integrations.secret.rotated": "Novo segredo de assinatura gerado. Copie agora: ele não será "
                                   "mostrado de novo.",
    "integrations.secret.hide": "Já copiei",
    "integrations.secret.grace": "O segredo anterior continua valendo até {until}.",
    "integrations.secret.unreadable": "Os segredos salvos não podem ser descriptografados (a "
                                      "OMNI_MASTER_KEY mudou?). Defina-os de novo.",
    "integrations.meta.title": "Meta (entrega direta)",
    "integrations.meta.app_secret": "App secret da Meta",
    "integrations.meta.verify_token": "Verify token da Meta",
    "integrations.meta.keep": "Deixe vazio para manter o valor atual",
    "integrations.credentials.title": "Credenciais do provedor",
    "integrations.credentials.hint": "Valores de que o seu fluxo do n8n precisa, guardados "
                                     "criptografados e mostrados mascarados.",
    "integrations.credentials.name": "Nome",
    "integrations.credentials.value": "Valor",
    "integrations.credentials.save": "Salvar credencial",
    "integrations.recipe.title": "Receita para o n8n",
    "integrations.recipe.code": "1. Um nó Code (JavaScript) logo antes do HTTP Request assina "
                                "exatamente o texto que será enviado. O n8n precisa permitir o uso"
                                " de crypto (NODE_FUNCTION_ALLOW_BUILTIN=crypto).",
    "integrations.recipe.http": "2. Um nó HTTP Request envia esse mesmo texto como corpo JSON "
                                "(Body Content Type: Raw, application/json), com estes cabeçalhos."
                                " Não deixe o n8n remontar o JSON a partir de campos: um corpo re-"
                                "serializado não confere mais com a assinatura.",
    "integrations.recipe.retry": "Se o envio falhar, rode o nó Code de novo antes de reenviar: um "
                                 "relatório de situação é aceito uma vez por assinatura; mensagens "
                                 "podem ser reenviadas como estão.",
    "integrations.recipe.download": "Ou baixe os fluxos prontos e importe no n8n (Workflows → "
                                    "Import from file). O segredo não vai no arquivo: defina a "
                                    "variável de ambiente indicada na nota do fluxo.",
    "integrations.recipe.download.inbound": "Fluxo de entrada (mensagens → Omni)",
    "integrations.recipe.download.outbound": "Fluxo de saída (respostas do Omni → provedor)",
    "integrations.recipe.reply": "3. Respostas: o Omni envia cada resposta para a URL de saída do "
                                 "n8n, assinada do mesmo jeito, com o Idempotency-Key (o id da "
                                 "resposta, igual em cada nova tentativa: use-o para não enviar a "
                                 "mesma resposta duas vezes).",
    "integrations.recipe.verify": "4. Um nó Code logo depois do Webhook (com a opção Raw Body "
                                  "ligada) confere a assinatura sobre o corpo exato e o horário "
                                  "(até 5 minutos).",
    "integrations.recipe.status": "5. Depois de enviar, informe a situação em callback_url, "
                                  "assinada como uma mensagem (com um nó Code como o do passo 1). "
                                  "A situação só avança: sent, delivered, read; ou failed com o "
                                  "erro. Responda ao Omni com 2xx só se o provedor aceitou a "
                                  "resposta.",
    "integrations.n8n.name.inbound": "Omni — {channel}: mensagens recebidas",
    "integrations.n8n.name.outbound": "Omni — {channel}: respostas enviadas",
    "integrations.n8n.note.inbound": "## Omni — {channel}: mensagens recebidas\n1. Aponte o "
                                     "webhook do seu provedor para o nó \"Provider message\" (URL "
                                     "de produção).\n2. No ambiente do n8n, defina {variable} com "
                                     "o segredo de assinatura mostrado uma vez na página de "
                                     "integrações do Omni, e também "
                                     "N8N_BLOCK_ENV_ACCESS_IN_NODE=false e "
                                     "NODE_FUNCTION_ALLOW_BUILTIN=crypto.\n3. Ative o fluxo.",
    "integrations.n8n.note.outbound": "## Omni — {channel}: respostas enviadas\n1. Copie a URL de "
                                      "produção do nó \"Reply from Omni\" para o campo \"URL de "
                                      "saída do n8n\" do Omni.\n2. No ambiente do n8n, defina "
                                      "{variable} (o mesmo segredo do fluxo de entrada), "
                                      "N8N_BLOCK_ENV_ACCESS_IN_NODE=false e "
                                      "NODE_FUNCTION_ALLOW_BUILTIN=crypto.\n3. Troque a URL e o "
                                      "corpo de \"Send to provider\" pela API do seu provedor "
                                      "(chaves nas credenciais do n8n).\n4. Ative o fluxo.",
    "integrations.n8n.js.sign": "Assina a mensagem para o Omni: HMAC-SHA256 de "
                                "\"<timestamp>.<corpo>\" com o segredo de assinatura do canal.",
    "integrations.n8n.js.secret": "O segredo vem do ambiente do n8n ({variable}); nunca o cole num "
                                  "fluxo que você compartilha.\nO n8n precisa de "
                                  "N8N_BLOCK_ENV_ACCESS_IN_NODE=false e "
                                  "NODE_FUNCTION_ALLOW_BUILTIN=crypto.",
    "integrations.n8n.js.secret_missing": "A variável {variable} não está definida no ambiente do "
                                          "n8n.",
    "integrations.n8n.js.body": "O texto exato que o próximo nó envia: não deixe o n8n remontar o "
                                "JSON, senão a assinatura não confere.",
    "integrations.n8n.js.verify": "Confere que o pedido veio do Omni: assinatura sobre o corpo "
                                  "exato (opção Raw Body do Webhook) e horário de até 5 minutos.",
    "integrations.n8n.js.raw_missing": "Ligue a opção Raw Body do nó Webhook.",
    "integrations.n8n.js.idempotency": "Idempotency-Key é o id da resposta e se repete quando o "
                                       "Omni tenta de novo: use-o para não enviar a mesma resposta "
                                       "duas vezes.",
    "integrations.n8n.js.status": "Informa ao Omni o que aconteceu com a resposta (sent ou failed) "
                                  "em callback_url, assinado como toda chamada ao Omni.",
    "integrations.n8n.js.external_id": "O id da mensagem no provedor: ajuste à resposta do seu "
                                       "provedor (WhatsApp Cloud API: messages[0].id).",
    "integrations.copy": "Copiar",
    "integrations.error.channel": "Canal desconhecido.",
    "integrations.error.url": "Informe uma URL http:// ou https:// válida, sem usuário nem senha.",
    "integrations.error.name": "Use letras, dígitos, pontos, hífens ou sublinhados (até 64).",
    "integrations.error.value": "Informe um valor (até 4096 caracteres).",
    "integrations.error.forbidden": "Só os administradores da clínica podem alterar integrações.",
    "integrations.error.conflict": "Alguém alterou esta integração ao mesmo tempo. Tente de novo.",
    "inbox.nav": "Caixa de entrada",
    "inbox.search": "Buscar por nome ou telefone",
    "inbox.search.label": "Buscar",
    "inbox.search.names": "Contatos",
    "inbox.search.messages": "Mensagens",
    "inbox.search.messages_hint": "Buscar no texto das mensagens",
    "inbox.search.type_words": "Digite palavras para buscar nas mensagens.",
    "inbox.search.no_hits": "Nenhuma mensagem encontrada.",
    "inbox.total.one": "{count} conversa",
    "inbox.total.other": "{count} conversas",
    "inbox.load_more": "Carregar mais",
    "inbox.back": "Voltar às conversas",
    "inbox.filter.channel": "Canal",
    "inbox.filter.all_channels": "Todos os canais",
    "inbox.filter.status": "Situação",
    "inbox.filter.open": "Abertas",
    "inbox.filter.closed": "Encerradas",
    "inbox.filter.all": "Todas",
    "inbox.filter.unread": "Só não lidas",
    "inbox.empty": "Nenhuma conversa.",
    "inbox.pick": "Escolha uma conversa.",
    "inbox.you": "Você",
    "inbox.closed": "Encerrada",
    "inbox.close": "Encerrar",
    "inbox.reopen": "Reabrir",
    "inbox.closed_hint": "Esta conversa está encerrada. Reabra-a para responder.",
    "inbox.load_older": "Carregar mensagens anteriores",
    "inbox.composer": "Escreva uma resposta (Enter envia, Shift+Enter quebra a linha)",
    "inbox.send": "Enviar",
    "inbox.window_warning": "Já se passaram mais de 24 horas desde a última mensagem do cliente: o"
                            " WhatsApp pode recusar uma resposta livre (use um modelo aprovado).",
    "inbox.retry": "Tentar de novo",
    "inbox.failure.n8n_status": "O n8n recusou ({status}).",
    "inbox.failure.n8n_status_retried": "O n8n recusou ({status}) após {attempts} tentativas.",
    "inbox.failure.n8n_timeout_retried": "O n8n não respondeu a tempo após {attempts} tentativas.",
    "inbox.failure.n8n_unreachable_retried": "Não foi possível falar com o n8n após {attempts} tentativas.",
    "inbox.failure.url_not_allowed": "O endereço do n8n da clínica não é permitido; um administrador precisa corrigi-lo em Integrações.",
    "inbox.failure.no_integration": "Não há integração de {channel} ativa; um administrador precisa configurá-la em Integrações.",
    "inbox.failure.no_outbound_url": "A integração de {channel} não tem o endereço de saída do n8n.",
    "inbox.failure.no_signing_secret": "A integração de {channel} não tem segredo de assinatura.",
    "inbox.failure.secrets_sealed": "Os segredos da integração não puderam ser abertos (chave mestra do servidor).",
    "inbox.failure.could_not_run": "O envio não pôde ser executado.",
    "inbox.failure.provider": "O envio falhou.",
    "inbox.failure.details": "Detalhes",
    "inbox.failed_marker": "Resposta não enviada",
    "inbox.status.received": "Recebida",
    "inbox.status.queued": "Na fila",
    "inbox.status.sent": "Enviada",
    "inbox.status.delivered": "Entregue",
    "inbox.status.read": "Lida",
    "inbox.status.failed": "Falhou",
    "inbox.age.now": "agora",
    "inbox.media.file": "Anexo ({type})",
    "inbox.media.unavailable": "{what}: indisponível aqui",
    "inbox.unsupported": "Tipo de mensagem não suportado",
    "inbox.error.not_found": "Conversa não encontrada.",
    "inbox.error.conflict": "Este cliente já tem outra conversa aberta neste canal.",
    "inbox.error.empty": "Escreva uma mensagem.",
    "inbox.error.too_long": "Mensagem longa demais para este canal.",
    "inbox.error.too_long_limit": "A mensagem passa do limite de {limit} caracteres do {channel}. Encurte-a ou divida-a em várias mensagens.",
    "inbox.composer.label": "Resposta",
    "inbox.composer.mode_reply": "Responder",
    "inbox.composer.mode_note": "Nota interna",
    "inbox.composer.note_placeholder": "Nota para a equipe: o cliente não vê e nada é enviado",
    "inbox.note.add": "Salvar nota",
    "inbox.note.label": "Nota interna",
    "inbox.quote": "Responder citando esta mensagem",
    "inbox.quote.client": "Cliente",
    "inbox.quote.replying": "Respondendo a",
    "inbox.quote.cancel": "Não citar",
    "inbox.error.bad_quote": "A mensagem citada não está nesta conversa.",
    "inbox.error.note_too_long": "A nota passa do limite de {limit} caracteres.",
    "inbox.error.closed": "A conversa está encerrada: reabra-a para responder.",
    "inbox.error.not_failed": "Só mensagens que falharam podem ser reenviadas.",
    "api_keys.last_used": "Último uso",
    "api_keys.title": "Chaves de API",
    "api_keys.intro": "Para automações (o agente de IA do n8n, outras ferramentas) que usam a API "
                      "do Omni. Uma chave age como o admin que a criou.",
    "api_keys.docs": "Documentação da API",
    "api_keys.name": "Nome",
    "api_keys.prefix": "Chave",
    "api_keys.created_at": "Criada em",
    "api_keys.create": "Criar chave",
    "api_keys.created": "Copie esta chave agora: ela não será mostrada de novo.",
    "api_keys.revoke": "Revogar",
    "api_keys.revoked": "Chave revogada.",
    "api_keys.revoked_badge": "Revogada",
    "api_keys.error.empty_name": "Dê um nome à chave.",
    "api_keys.error.name_too_long": "O nome é longo demais (no máximo 100 caracteres).",
    "api_keys.error.not_found": "Chave não encontrada.",
    "team.invite.done": "Convite criado para {email}.",
    "team.invite.password_note": "Se este endereço ainda não tinha conta no Omni, criamos uma com "
                                 "a senha temporária abaixo (mostrada só agora). Se já tinha, a "
                                 "pessoa verá o convite quando entrar.",
    "team.invite.hide": "Ocultar",
    "team.invitations": "Convites pendentes",
    "team.invitation.expires": "Expira em",
    "team.invitation.revoke": "Cancelar convite",
    "team.invitation.revoked": "Convite cancelado.",
    "team.error.not_found": "Não encontrado: a lista foi atualizada.",
    "onboarding.invitations": "Convites para você",
    "onboarding.invitation": "{clinic} convidou você para a equipe como {role}.",
    "onboarding.accept": "Entrar na clínica",
    "onboarding.or_create": "Ou crie a sua própria clínica",
    "onboarding.error.not_found": "Não foi possível aceitar o convite: ele expirou ou foi "
                                  "cancelado.",
    "nav.account": "Minha conta",
    "nav.menu": "Menu da conta",
    "nav.logout_everywhere": "Sair de todos os dispositivos",
    "account.title": "Minha conta",
    "account.password.title": "Alterar senha",
    "account.password.current": "Senha atual",
    "account.password.new": "Nova senha",
    "account.password.confirm": "Confirme a nova senha",
    "account.password.submit": "Alterar senha",
    "account.password.hint": "Pelo menos 8 caracteres. Ao alterar a senha, você sai de todos os "
                             "outros dispositivos.",
    "account.password.done": "Senha alterada. Você saiu de todos os outros dispositivos.",
    "account.error.invalid_credentials": "A senha atual está incorreta.",
    "account.error.mismatch": "As duas senhas novas não são iguais.",
    "account.error.too_short": "A nova senha precisa ter pelo menos 8 caracteres.",
    "account.error.same_password": "A nova senha precisa ser diferente da atual.",
    "account.error.weak_password": "Senha fraca demais. Escolha uma senha mais longa.",
    "account.error.rate_limited": "Muitas tentativas. Aguarde alguns minutos e tente de novo.",
    "account.error.unavailable": "Não foi possível alterar a senha agora. Tente de novo em "
                                 "instantes.",
    "account.everywhere.title": "Sessões",
    "account.everywhere.text": "Saia do Omni em todos os navegadores e dispositivos, inclusive "
                               "neste.",
    "account.everywhere.confirm.title": "Sair de todos os dispositivos?",
    "account.everywhere.confirm.text": "Você sai do Omni em todos os navegadores e "
                                       "dispositivos, inclusive neste, e precisará entrar "
                                       "de novo.",
    "account.everywhere.confirm.cancel": "Voltar",
    "integrations.error.url_https": "Em produção, a URL do n8n precisa começar com https://.",
    "integrations.error.url_private": "Esta URL leva a um endereço interno ou privado. Para usar "
                                      "um n8n na rede interna, o operador precisa liberá-lo em "
                                      "OMNI_OUTBOUND_ALLOW.",
    "integrations.error.url_unresolved": "Não encontramos este endereço (DNS). Confira a URL.",
    "onboarding.error.conflict": "Você já faz parte de uma clínica.",
    "error.refused": "Não foi possível concluir esta ação. Atualize a página e tente de novo.",
}
