"""WhatsApp message templates: the admin page /settings/templates, the profile's dialog that
sends one when the 24-hour window is closed, their refusals, and the n8n wording about them."""
from __future__ import annotations

MESSAGES = {
    "pt-BR": {
        "templates.nav": "Modelos",
        "templates.title": "Modelos de mensagem (WhatsApp)",
        "templates.intro": "Fora da janela de 24 horas (ou antes do cliente escrever pela "
                           "primeira vez), o WhatsApp só aceita modelos aprovados pela Meta. "
                           "Cadastre aqui os modelos aprovados no WhatsApp Manager, com o mesmo "
                           "nome, idioma e texto, e marque o status que a Meta deu.",
        "templates.new": "Novo modelo",
        "templates.editing": "Editar modelo",
        "templates.name": "Nome",
        "templates.name_hint": "Como na Meta: letras minúsculas, dígitos e _",
        "templates.language": "Idioma",
        "templates.language_hint": "pt_BR, en_US, es…",
        "templates.body": "Texto",
        "templates.body_hint": "Variáveis: {{1}}, {{2}}… numeradas a partir de 1, sem pular "
                               "números (até 1024 caracteres).",
        "templates.status": "Status na Meta",
        "templates.status.approved": "Aprovado",
        "templates.status.pending": "Em análise",
        "templates.status.rejected": "Rejeitado",
        "templates.preview": "Prévia",
        "templates.preview_empty": "Escreva o texto para ver a prévia.",
        "templates.sample": "exemplo {n}",
        "templates.variables": "{count} variável(is)",
        "templates.preview_bad": "As variáveis precisam ser {{1}}, {{2}}… sem pular números.",
        "templates.save": "Salvar",
        "templates.edit": "Editar",
        "templates.delete": "Excluir",
        "templates.cancel": "Voltar",
        "templates.delete_title": "Excluir este modelo?",
        "templates.saved": "Modelo {name} ({language}) salvo.",
        "templates.status_saved": "Status de {name} ({language}): {status}.",
        "templates.deleted": "Modelo excluído.",
        "templates.empty": "Nenhum modelo ainda.",
        "templates.error.name": "Use no nome letras minúsculas, dígitos e _ (até 512), como "
                                "na Meta.",
        "templates.error.language": "Use um código de idioma como pt_BR, en_US ou es.",
        "templates.error.body": "Escreva o texto do modelo.",
        "templates.error.too_long": "O texto do modelo pode ter até 1024 caracteres.",
        "templates.error.placeholders": "As variáveis precisam ser {{1}}, {{2}}… numeradas a "
                                        "partir de 1, sem pular números.",
        "templates.error.duplicate": "Já existe um modelo com esse nome nesse idioma.",
        "templates.error.status": "Escolha um status: aprovado, em análise ou rejeitado.",
        "templates.error.forbidden": "Só os administradores da clínica podem alterar modelos.",
        "templates.error.not_found": "Esse modelo não existe mais.",
        "templates.error.invalid": "Verifique o nome, o idioma e o texto.",
        "templates.error.not_signed_in": "Entre no Omni primeiro.",
        "templates.send_hint": "Abre a conversa de WhatsApp deste cliente na caixa de entrada "
                               "(ou continua a que está aberta). Se ele nunca escreveu ou a "
                               "última mensagem dele tem mais de 24 horas, o WhatsApp só aceita "
                               "um modelo aprovado: você escolhe um e preenche as variáveis.",
        "template_send.title": "Enviar um modelo de mensagem",
        "template_send.why": "A janela de 24 horas do WhatsApp está fechada para este cliente "
                             "(ou ele nunca escreveu): só um modelo aprovado pode ser enviado.",
        "template_send.template": "Modelo",
        "template_send.variable": "Variável {n}",
        "template_send.preview": "Como o cliente vai receber",
        "template_send.send": "Enviar modelo",
        "template_send.cancel": "Cancelar",
        "template_send.none": "Esta clínica ainda não tem modelos aprovados. Um administrador "
                              "precisa cadastrá-los em Modelos.",
        "template_send.none_link": "Cadastrar modelos",
        "template_send.error.not_found": "Conversa não encontrada.",
        "template_send.error.template_not_found": "Esse modelo não existe mais.",
        "template_send.error.template_not_approved": "Esse modelo não está aprovado.",
        "template_send.error.variable_count": "Preencha todas as variáveis do modelo.",
        "template_send.error.variables": "Preencha cada variável, sem quebras de linha.",
        "template_send.error.not_whatsapp": "Modelos só podem ser enviados pelo WhatsApp.",
        "template_send.error.closed": "A conversa está encerrada.",
        "template_send.error.too_long": "A mensagem preenchida ficou longa demais.",
        "template_send.error.no_phone": "Este cliente não tem telefone.",
        "template_send.error.phone": "O telefone deste cliente não é válido.",
        "template_send.error.choose": "Escolha um modelo.",
        "template_send.error.invalid": "Verifique o modelo e as variáveis.",
        "template_send.error.not_signed_in": "Entre no Omni primeiro.",
        "integrations.n8n.js.provider": "O corpo da chamada ao provedor: o texto; um modelo do "
                                        "WhatsApp (fora da janela de 24 h) vai no formato da "
                                        "Cloud API. Ajuste ao seu provedor.",
        "integrations.n8n.template_example": "Fora da janela de 24 horas o Omni envia um modelo "
                                             "aprovado: o mesmo corpo com \"template\" (\"text\" "
                                             "é o modelo já preenchido):",
    },
    "en": {
        "templates.nav": "Templates",
        "templates.title": "Message templates (WhatsApp)",
        "templates.intro": "Outside the 24-hour window (or before a client first writes), "
                           "WhatsApp only accepts templates approved by Meta. Add here the "
                           "templates approved in WhatsApp Manager, with the same name, language "
                           "and text, and set the status Meta gave them.",
        "templates.new": "New template",
        "templates.editing": "Edit template",
        "templates.name": "Name",
        "templates.name_hint": "As in Meta: lowercase letters, digits and _",
        "templates.language": "Language",
        "templates.language_hint": "pt_BR, en_US, es…",
        "templates.body": "Text",
        "templates.body_hint": "Variables: {{1}}, {{2}}… numbered from 1 without gaps "
                               "(up to 1024 characters).",
        "templates.status": "Status at Meta",
        "templates.status.approved": "Approved",
        "templates.status.pending": "In review",
        "templates.status.rejected": "Rejected",
        "templates.preview": "Preview",
        "templates.preview_empty": "Write the text to see the preview.",
        "templates.sample": "sample {n}",
        "templates.variables": "{count} variable(s)",
        "templates.preview_bad": "Variables must be {{1}}, {{2}}… without gaps.",
        "templates.save": "Save",
        "templates.edit": "Edit",
        "templates.delete": "Delete",
        "templates.cancel": "Back",
        "templates.delete_title": "Delete this template?",
        "templates.saved": "Template {name} ({language}) saved.",
        "templates.status_saved": "Status of {name} ({language}): {status}.",
        "templates.deleted": "Template deleted.",
        "templates.empty": "No templates yet.",
        "templates.error.name": "Use lowercase letters, digits and _ in the name (up to 512), "
                                "as in Meta.",
        "templates.error.language": "Use a language code such as pt_BR, en_US or es.",
        "templates.error.body": "Write the template's text.",
        "templates.error.too_long": "A template's text can have up to 1024 characters.",
        "templates.error.placeholders": "Variables must be {{1}}, {{2}}… numbered from 1 "
                                        "without gaps.",
        "templates.error.duplicate": "There is already a template with this name in this "
                                     "language.",
        "templates.error.status": "Choose a status: approved, in review or rejected.",
        "templates.error.forbidden": "Only the clinic's admins can change templates.",
        "templates.error.not_found": "That template no longer exists.",
        "templates.error.invalid": "Check the name, language and text.",
        "templates.error.not_signed_in": "Sign in to Omni first.",
        "templates.send_hint": "Opens this client's WhatsApp conversation in the inbox (or "
                               "continues the open one). If they never wrote or their last "
                               "message is more than 24 hours old, WhatsApp only accepts an "
                               "approved template: you choose one and fill in its variables.",
        "template_send.title": "Send a message template",
        "template_send.why": "The WhatsApp 24-hour window is closed for this client (or they "
                             "never wrote): only an approved template can be sent.",
        "template_send.template": "Template",
        "template_send.variable": "Variable {n}",
        "template_send.preview": "What the client will receive",
        "template_send.send": "Send template",
        "template_send.cancel": "Cancel",
        "template_send.none": "This clinic has no approved templates yet. An admin needs to "
                              "add them in Templates.",
        "template_send.none_link": "Add templates",
        "template_send.error.not_found": "Conversation not found.",
        "template_send.error.template_not_found": "That template no longer exists.",
        "template_send.error.template_not_approved": "That template is not approved.",
        "template_send.error.variable_count": "Fill in all of the template's variables.",
        "template_send.error.variables": "Fill in each variable, without line breaks.",
        "template_send.error.not_whatsapp": "Templates can only be sent on WhatsApp.",
        "template_send.error.closed": "The conversation is closed.",
        "template_send.error.too_long": "The filled-in message is too long.",
        "template_send.error.no_phone": "This client has no phone.",
        "template_send.error.phone": "This client's phone is not valid.",
        "template_send.error.choose": "Choose a template.",
        "template_send.error.invalid": "Check the template and its variables.",
        "template_send.error.not_signed_in": "Sign in to Omni first.",
        "integrations.n8n.js.provider": "The body of the provider call: the text; a WhatsApp "
                                        "template (outside the 24-hour window) goes in the Cloud "
                                        "API's shape. Adapt it to your provider.",
        "integrations.n8n.template_example": "Outside the 24-hour window Omni sends an approved "
                                             "template: the same body with \"template\" (\"text\" "
                                             "is the template filled in):",
    },
    "es": {
        "templates.nav": "Plantillas",
        "templates.title": "Plantillas de mensaje (WhatsApp)",
        "templates.intro": "Fuera de la ventana de 24 horas (o antes de que el cliente escriba "
                           "por primera vez), WhatsApp solo acepta plantillas aprobadas por Meta. "
                           "Registra aquí las plantillas aprobadas en WhatsApp Manager, con el "
                           "mismo nombre, idioma y texto, y marca el estado que Meta les dio.",
        "templates.new": "Nueva plantilla",
        "templates.editing": "Editar plantilla",
        "templates.name": "Nombre",
        "templates.name_hint": "Como en Meta: minúsculas, dígitos y _",
        "templates.language": "Idioma",
        "templates.language_hint": "pt_BR, en_US, es…",
        "templates.body": "Texto",
        "templates.body_hint": "Variables: {{1}}, {{2}}… numeradas desde 1, sin saltar números "
                               "(hasta 1024 caracteres).",
        "templates.status": "Estado en Meta",
        "templates.status.approved": "Aprobada",
        "templates.status.pending": "En revisión",
        "templates.status.rejected": "Rechazada",
        "templates.preview": "Vista previa",
        "templates.preview_empty": "Escribe el texto para ver la vista previa.",
        "templates.sample": "ejemplo {n}",
        "templates.variables": "{count} variable(s)",
        "templates.preview_bad": "Las variables deben ser {{1}}, {{2}}… sin saltar números.",
        "templates.save": "Guardar",
        "templates.edit": "Editar",
        "templates.delete": "Eliminar",
        "templates.cancel": "Volver",
        "templates.delete_title": "¿Eliminar esta plantilla?",
        "templates.saved": "Plantilla {name} ({language}) guardada.",
        "templates.status_saved": "Estado de {name} ({language}): {status}.",
        "templates.deleted": "Plantilla eliminada.",
        "templates.empty": "Aún no hay plantillas.",
        "templates.error.name": "Usa en el nombre minúsculas, dígitos y _ (hasta 512), como en "
                                "Meta.",
        "templates.error.language": "Usa un código de idioma como pt_BR, en_US o es.",
        "templates.error.body": "Escribe el texto de la plantilla.",
        "templates.error.too_long": "El texto de la plantilla puede tener hasta 1024 caracteres.",
        "templates.error.placeholders": "Las variables deben ser {{1}}, {{2}}… numeradas desde "
                                        "1, sin saltar números.",
        "templates.error.duplicate": "Ya existe una plantilla con ese nombre en ese idioma.",
        "templates.error.status": "Elige un estado: aprobada, en revisión o rechazada.",
        "templates.error.forbidden": "Solo los administradores de la clínica pueden cambiar "
                                     "plantillas.",
        "templates.error.not_found": "Esa plantilla ya no existe.",
        "templates.error.invalid": "Revisa el nombre, el idioma y el texto.",
        "templates.error.not_signed_in": "Inicia sesión en Omni primero.",
        "templates.send_hint": "Abre la conversación de WhatsApp de este cliente en la bandeja "
                               "de entrada (o continúa la que está abierta). Si nunca escribió o "
                               "su último mensaje tiene más de 24 horas, WhatsApp solo acepta "
                               "una plantilla aprobada: eliges una y completas sus variables.",
        "template_send.title": "Enviar una plantilla de mensaje",
        "template_send.why": "La ventana de 24 horas de WhatsApp está cerrada para este cliente "
                             "(o nunca escribió): solo se puede enviar una plantilla aprobada.",
        "template_send.template": "Plantilla",
        "template_send.variable": "Variable {n}",
        "template_send.preview": "Lo que recibirá el cliente",
        "template_send.send": "Enviar plantilla",
        "template_send.cancel": "Cancelar",
        "template_send.none": "Esta clínica aún no tiene plantillas aprobadas. Un administrador "
                              "debe registrarlas en Plantillas.",
        "template_send.none_link": "Registrar plantillas",
        "template_send.error.not_found": "Conversación no encontrada.",
        "template_send.error.template_not_found": "Esa plantilla ya no existe.",
        "template_send.error.template_not_approved": "Esa plantilla no está aprobada.",
        "template_send.error.variable_count": "Completa todas las variables de la plantilla.",
        "template_send.error.variables": "Completa cada variable, sin saltos de línea.",
        "template_send.error.not_whatsapp": "Las plantillas solo se envían por WhatsApp.",
        "template_send.error.closed": "La conversación está cerrada.",
        "template_send.error.too_long": "El mensaje completado quedó demasiado largo.",
        "template_send.error.no_phone": "Este cliente no tiene teléfono.",
        "template_send.error.phone": "El teléfono de este cliente no es válido.",
        "template_send.error.choose": "Elige una plantilla.",
        "template_send.error.invalid": "Revisa la plantilla y sus variables.",
        "template_send.error.not_signed_in": "Inicia sesión en Omni primero.",
        "integrations.n8n.js.provider": "El cuerpo de la llamada al proveedor: el texto; una "
                                        "plantilla de WhatsApp (fuera de la ventana de 24 h) va "
                                        "en el formato de la Cloud API. Adáptalo a tu proveedor.",
        "integrations.n8n.template_example": "Fuera de la ventana de 24 horas Omni envía una "
                                             "plantilla aprobada: el mismo cuerpo con "
                                             "\"template\" (\"text\" es la plantilla completada):",
    },
}
