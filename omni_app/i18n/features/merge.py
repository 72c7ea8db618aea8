"""Duplicate clients and merging them (/clients/duplicates)."""
from __future__ import annotations

MESSAGES = {
    "pt-BR": {
        "merge.link": "Possíveis duplicados",
        "merge.title": "Possíveis duplicados",
        "merge.intro": "Clientes que parecem ser a mesma pessoa. Escolha quem fica e mescle: "
                       "tudo do outro passa para ele.",
        "merge.back": "Clientes",
        "merge.reason.phone": "Mesmo número em outra grafia",
        "merge.reason.name": "Nome parecido e um dado em comum",
        "merge.keep": "Manter este",
        "merge.no_phone": "Sem telefone",
        "merge.no_email": "Sem e-mail",
        "merge.no_instagram": "Sem Instagram",
        "merge.last_activity": "Última atividade",
        "merge.open_profile": "Abrir perfil",
        "merge.merge": "Mesclar",
        "merge.confirm.title": "Mesclar estes clientes?",
        "merge.confirm.keep": "Fica:",
        "merge.confirm.gone": "Deixa de existir:",
        "merge.confirm.body": "Conversas, mensagens, agendamentos, pagamentos, notas e histórico "
                              "de etapas passam para o cliente que fica, que também recebe o "
                              "telefone, o Instagram e o e-mail que não tiver. Isso não pode "
                              "ser desfeito.",
        "merge.cancel": "Cancelar",
        "merge.done": "{merged} foi mesclado em {kept}.",
        "merge.empty": "Nenhum possível duplicado encontrado.",
        "merge.error.not_found": "Um dos clientes não existe mais. A lista foi atualizada.",
        "merge.error.same_client": "Escolha dois clientes diferentes.",
        "merge.error.forbidden": "Você não pode mesclar clientes desta clínica.",
    },
    "en": {
        "merge.link": "Possible duplicates",
        "merge.title": "Possible duplicates",
        "merge.intro": "Clients who look like the same person. Choose who stays and merge: "
                       "everything of the other moves to them.",
        "merge.back": "Clients",
        "merge.reason.phone": "Same number, another spelling",
        "merge.reason.name": "Similar name and shared details",
        "merge.keep": "Keep this one",
        "merge.no_phone": "No phone",
        "merge.no_email": "No e-mail",
        "merge.no_instagram": "No Instagram",
        "merge.last_activity": "Last activity",
        "merge.open_profile": "Open profile",
        "merge.merge": "Merge",
        "merge.confirm.title": "Merge these clients?",
        "merge.confirm.keep": "Stays:",
        "merge.confirm.gone": "Ceases to exist:",
        "merge.confirm.body": "Conversations, messages, appointments, payments, notes and stage "
                              "history move to the client who stays, who also gets the phone, "
                              "Instagram and e-mail they lack. This cannot be undone.",
        "merge.cancel": "Cancel",
        "merge.done": "{merged} was merged into {kept}.",
        "merge.empty": "No possible duplicates found.",
        "merge.error.not_found": "One of the clients no longer exists. The list was refreshed.",
        "merge.error.same_client": "Choose two different clients.",
        "merge.error.forbidden": "You cannot merge this clinic's clients.",
    },
    "es": {
        "merge.link": "Posibles duplicados",
        "merge.title": "Posibles duplicados",
        "merge.intro": "Clientes que parecen ser la misma persona. Elija quién queda y "
                       "combine: todo lo del otro pasa a él.",
        "merge.back": "Clientes",
        "merge.reason.phone": "Mismo número con otra escritura",
        "merge.reason.name": "Nombre parecido y un dato en común",
        "merge.keep": "Conservar este",
        "merge.no_phone": "Sin teléfono",
        "merge.no_email": "Sin e-mail",
        "merge.no_instagram": "Sin Instagram",
        "merge.last_activity": "Última actividad",
        "merge.open_profile": "Abrir perfil",
        "merge.merge": "Combinar",
        "merge.confirm.title": "¿Combinar estos clientes?",
        "merge.confirm.keep": "Queda:",
        "merge.confirm.gone": "Deja de existir:",
        "merge.confirm.body": "Conversaciones, mensajes, citas, pagos, notas e historial de "
                              "etapas pasan al cliente que queda, que también recibe el "
                              "teléfono, el Instagram y el e-mail que no tenga. No se puede "
                              "deshacer.",
        "merge.cancel": "Cancelar",
        "merge.done": "{merged} se combinó con {kept}.",
        "merge.empty": "No se encontraron posibles duplicados.",
        "merge.error.not_found": "Uno de los clientes ya no existe. La lista se actualizó.",
        "merge.error.same_client": "Elija dos clientes diferentes.",
        "merge.error.forbidden": "No puede combinar clientes de esta clínica.",
    },
}
