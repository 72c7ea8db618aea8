"""The analyst's settings page (/settings/analyst) and the inbox's suggested reply."""
from __future__ import annotations

MESSAGES = {
    "pt-BR": {
        # the inbox composer
        "suggest.button": "Sugerir resposta",
        "suggest.working": "Escrevendo uma sugestão…",
        "suggest.by_llm": "Rascunho da IA ({model}). Revise antes de enviar.",
        "suggest.by_rules": "Rascunho das regras (heurística). Revise antes de enviar.",
        "suggest.by_rules_after": "Rascunho das regras: a IA falhou ({reason}). Revise antes "
                                  "de enviar.",
        "suggest.none": "Não foi possível sugerir uma resposta: {reason}.",
        "suggest.none.unknown": "o analisador não escreveu nada",
        "suggest.error.not_found": "Esta conversa não existe mais.",
        "suggest.error.client_erased": "Os dados deste cliente foram apagados: não há o que "
                                       "sugerir.",
        "suggest.error.failed": "Não foi possível sugerir uma resposta agora. Tente de novo.",
        # why an LLM did not answer (codes of domain/analyst/llm.py)
        "analyst_why.timeout": "tempo esgotado",
        "analyst_why.rate_limited": "limite de uso do provedor",
        "analyst_why.unreachable": "servidor da IA inacessível",
        "analyst_why.malformed_output": "resposta fora do formato",
        "analyst_why.empty_answer": "resposta vazia",
        "analyst_why.http": "HTTP {code}",
        "analyst_why.no_api_key": "sem chave de API no servidor",
        "analyst_why.budget_spent": "orçamento do mês esgotado",
        "analyst_why.llm_failed": "a IA falhou",
        # the settings page
        "analyst_settings.nav": "Analista de IA",
        "analyst_settings.title": "Analista de IA",
        "analyst_settings.intro": "Quem analisa os clientes e sugere respostas, quanto pode "
                                  "gastar por mês e o que deve saber sobre a clínica. Ele "
                                  "nunca envia nada: só a equipe envia mensagens.",
        "analyst_settings.section.choice": "Analisador",
        "analyst_settings.analyzer": "Quem analisa",
        "analyst_settings.analyzer.auto": "Automático",
        "analyst_settings.analyzer_hint": "Automático: a IA quando o servidor tem chave e ainda "
                                          "há orçamento no mês; senão, as regras.",
        "analyst_settings.analyzer.llm": "IA (modelo de linguagem)",
        "analyst_settings.analyzer.heuristic": "Regras: heurística, nunca a IA",
        "analyst_settings.key_present": "O servidor tem uma chave de API: a IA está "
                                        "disponível.",
        "analyst_settings.key_missing": "O servidor não tem chave de API: as regras respondem "
                                        "qualquer que seja a escolha.",
        "analyst_settings.model": "Modelo",
        "analyst_settings.model_hint": "Vazio: o padrão do servidor ({model}).",
        "analyst_settings.section.budget": "Orçamento mensal",
        "analyst_settings.budget": "Tokens por mês",
        "analyst_settings.budget_hint": "Análises e sugestões somam tokens. 0 desliga a IA; as "
                                        "regras continuam respondendo.",
        "analyst_settings.spent": "{spent} de {budget} tokens usados este mês ({percent})",
        "analyst_settings.paused": "A IA está pausada: as regras respondem até o próximo mês.",
        "analyst_settings.section.instructions": "Instruções da clínica",
        "analyst_settings.instructions": "Instruções",
        "analyst_settings.instructions_hint": "Acrescentadas ao pedido feito à IA (tom, "
                                              "serviços, o que evitar).",
        "analyst_settings.instructions_placeholder": "Ex.: Trate os pacientes por você. Não "
                                                     "fale de preços pelo chat.",
        "analyst_settings.save": "Salvar",
        "analyst_settings.saved": "Configurações do analista salvas.",
        "analyst_settings.error.analyzer": "Escolha um analisador da lista.",
        "analyst_settings.error.model": "Nome de modelo inválido: use letras, números e . _ : "
                                        "/ - (até 100).",
        "analyst_settings.error.budget": "Informe um número inteiro de tokens entre 0 e "
                                         "100.000.000.",
        "analyst_settings.error.instructions_too_long": "As instruções passam de 1.000 "
                                                        "caracteres.",
        "analyst_settings.error.forbidden": "Só administradores da clínica mudam o analista.",
        "analyst_settings.error.failed": "Não foi possível salvar. Tente de novo.",
        "analyst_settings.section.runs": "Execuções recentes",
        "analyst_settings.runs_intro": "As últimas 50 análises e sugestões de resposta, da mais "
                                       "recente para a mais antiga. Horários no fuso da "
                                       "clínica.",
        "analyst_settings.runs_none": "Nenhuma execução ainda.",
        "analyst_settings.kind.analysis": "Análise",
        "analyst_settings.kind.reply": "Resposta",
        "analyst_settings.trigger.manual": "Pedido",
        "analyst_settings.trigger.conversation_closed": "Conversa encerrada",
        "analyst_settings.trigger.scheduled": "Rotina diária",
        "analyst_settings.trigger.api": "API",
        "analyst_settings.by.llm": "IA",
        "analyst_settings.by.heuristic": "Regras (heurística)",
        "analyst_settings.fallback": "Regras no lugar da IA: {reason}",
        "analyst_settings.tokens": "{tokens_in} → {tokens_out} tokens",
        "analyst_settings.error_line": "Erro: {reason}",
        "analyst_settings.clinic_text": "O analista lê as conversas da clínica para resumir "
                                        "cada cliente, estimar o risco de falta e sugerir "
                                        "respostas. Ele não envia nada aos clientes: só a "
                                        "equipe envia mensagens.",
        "analyst_settings.clinic_link": "Configurar o analista",
    },
    "en": {
        "suggest.button": "Suggest reply",
        "suggest.working": "Writing a suggestion…",
        "suggest.by_llm": "Draft by the AI ({model}). Review it before sending.",
        "suggest.by_rules": "Draft by the rules (heuristic). Review it before sending.",
        "suggest.by_rules_after": "Draft by the rules: the AI failed ({reason}). Review it "
                                  "before sending.",
        "suggest.none": "No reply could be suggested: {reason}.",
        "suggest.none.unknown": "the analyzer wrote nothing",
        "suggest.error.not_found": "This conversation no longer exists.",
        "suggest.error.client_erased": "This client's data was erased: there is nothing to "
                                       "suggest.",
        "suggest.error.failed": "No reply could be suggested now. Try again.",
        "analyst_why.timeout": "timed out",
        "analyst_why.rate_limited": "the provider's rate limit",
        "analyst_why.unreachable": "AI server unreachable",
        "analyst_why.malformed_output": "answer not in the expected format",
        "analyst_why.empty_answer": "empty answer",
        "analyst_why.http": "HTTP {code}",
        "analyst_why.no_api_key": "no API key on the server",
        "analyst_why.budget_spent": "this month's budget is spent",
        "analyst_why.llm_failed": "the AI failed",
        "analyst_settings.nav": "AI analyst",
        "analyst_settings.title": "AI analyst",
        "analyst_settings.intro": "Who analyzes clients and suggests replies, how much it may "
                                  "spend a month and what it should know about the clinic. It "
                                  "never sends anything: only staff send messages.",
        "analyst_settings.section.choice": "Analyzer",
        "analyst_settings.analyzer": "Who analyzes",
        "analyst_settings.analyzer.auto": "Automatic",
        "analyst_settings.analyzer_hint": "Automatic: the AI when the server has a key and the "
                                          "month's budget is not spent; otherwise the rules.",
        "analyst_settings.analyzer.llm": "AI (language model)",
        "analyst_settings.analyzer.heuristic": "Rules: heuristic, never the AI",
        "analyst_settings.key_present": "The server has an API key: the AI is available.",
        "analyst_settings.key_missing": "The server has no API key: the rules answer whatever "
                                        "the choice.",
        "analyst_settings.model": "Model",
        "analyst_settings.model_hint": "Empty: the server's default ({model}).",
        "analyst_settings.section.budget": "Monthly budget",
        "analyst_settings.budget": "Tokens per month",
        "analyst_settings.budget_hint": "Analyses and suggestions both use tokens. 0 turns the "
                                        "AI off; the rules keep answering.",
        "analyst_settings.spent": "{spent} of {budget} tokens used this month ({percent})",
        "analyst_settings.paused": "The AI is paused: the rules answer until next month.",
        "analyst_settings.section.instructions": "The clinic's instructions",
        "analyst_settings.instructions": "Instructions",
        "analyst_settings.instructions_hint": "Added to what the AI is asked (tone, services, "
                                              "what to avoid).",
        "analyst_settings.instructions_placeholder": "E.g.: Address patients informally. Never "
                                                     "discuss prices in the chat.",
        "analyst_settings.save": "Save",
        "analyst_settings.saved": "Analyst settings saved.",
        "analyst_settings.error.analyzer": "Choose an analyzer from the list.",
        "analyst_settings.error.model": "Not a model name: use letters, digits and . _ : / - "
                                        "(up to 100).",
        "analyst_settings.error.budget": "Enter a whole number of tokens between 0 and "
                                         "100,000,000.",
        "analyst_settings.error.instructions_too_long": "The instructions are longer than "
                                                        "1,000 characters.",
        "analyst_settings.error.forbidden": "Only the clinic's admins change the analyst.",
        "analyst_settings.error.failed": "Could not save. Try again.",
        "analyst_settings.section.runs": "Recent runs",
        "analyst_settings.runs_intro": "The last 50 analyses and reply suggestions, newest "
                                       "first. Times in the clinic's time zone.",
        "analyst_settings.runs_none": "No runs yet.",
        "analyst_settings.kind.analysis": "Analysis",
        "analyst_settings.kind.reply": "Reply",
        "analyst_settings.trigger.manual": "Requested",
        "analyst_settings.trigger.conversation_closed": "Conversation closed",
        "analyst_settings.trigger.scheduled": "Daily run",
        "analyst_settings.trigger.api": "API",
        "analyst_settings.by.llm": "AI",
        "analyst_settings.by.heuristic": "Rules (heuristic)",
        "analyst_settings.fallback": "Rules instead of the AI: {reason}",
        "analyst_settings.tokens": "{tokens_in} → {tokens_out} tokens",
        "analyst_settings.error_line": "Error: {reason}",
        "analyst_settings.clinic_text": "The analyst reads the clinic's conversations to "
                                        "summarize each client, estimate the no-show risk and "
                                        "suggest replies. It never sends anything to clients: "
                                        "only staff send messages.",
        "analyst_settings.clinic_link": "Set up the analyst",
    },
    "es": {
        "suggest.button": "Sugerir respuesta",
        "suggest.working": "Escribiendo una sugerencia…",
        "suggest.by_llm": "Borrador de la IA ({model}). Revísalo antes de enviar.",
        "suggest.by_rules": "Borrador de las reglas (heurística). Revísalo antes de enviar.",
        "suggest.by_rules_after": "Borrador de las reglas: la IA falló ({reason}). Revísalo "
                                  "antes de enviar.",
        "suggest.none": "No se pudo sugerir una respuesta: {reason}.",
        "suggest.none.unknown": "el analizador no escribió nada",
        "suggest.error.not_found": "Esta conversación ya no existe.",
        "suggest.error.client_erased": "Los datos de este cliente fueron borrados: no hay nada "
                                       "que sugerir.",
        "suggest.error.failed": "No se pudo sugerir una respuesta ahora. Inténtalo de nuevo.",
        "analyst_why.timeout": "tiempo agotado",
        "analyst_why.rate_limited": "límite de uso del proveedor",
        "analyst_why.unreachable": "servidor de la IA inaccesible",
        "analyst_why.malformed_output": "respuesta fuera de formato",
        "analyst_why.empty_answer": "respuesta vacía",
        "analyst_why.http": "HTTP {code}",
        "analyst_why.no_api_key": "sin clave de API en el servidor",
        "analyst_why.budget_spent": "presupuesto del mes agotado",
        "analyst_why.llm_failed": "la IA falló",
        "analyst_settings.nav": "Analista de IA",
        "analyst_settings.title": "Analista de IA",
        "analyst_settings.intro": "Quién analiza a los clientes y sugiere respuestas, cuánto "
                                  "puede gastar por mes y qué debe saber de la clínica. Nunca "
                                  "envía nada: solo el equipo envía mensajes.",
        "analyst_settings.section.choice": "Analizador",
        "analyst_settings.analyzer": "Quién analiza",
        "analyst_settings.analyzer.auto": "Automático",
        "analyst_settings.analyzer_hint": "Automático: la IA cuando el servidor tiene clave y "
                                          "queda presupuesto en el mes; si no, las reglas.",
        "analyst_settings.analyzer.llm": "IA (modelo de lenguaje)",
        "analyst_settings.analyzer.heuristic": "Reglas: heurística, nunca la IA",
        "analyst_settings.key_present": "El servidor tiene una clave de API: la IA está "
                                        "disponible.",
        "analyst_settings.key_missing": "El servidor no tiene clave de API: las reglas "
                                        "responden sea cual sea la elección.",
        "analyst_settings.model": "Modelo",
        "analyst_settings.model_hint": "Vacío: el predeterminado del servidor ({model}).",
        "analyst_settings.section.budget": "Presupuesto mensual",
        "analyst_settings.budget": "Tokens por mes",
        "analyst_settings.budget_hint": "Análisis y sugerencias suman tokens. 0 apaga la IA; "
                                        "las reglas siguen respondiendo.",
        "analyst_settings.spent": "{spent} de {budget} tokens usados este mes ({percent})",
        "analyst_settings.paused": "La IA está en pausa: las reglas responden hasta el próximo "
                                   "mes.",
        "analyst_settings.section.instructions": "Instrucciones de la clínica",
        "analyst_settings.instructions": "Instrucciones",
        "analyst_settings.instructions_hint": "Se añaden a lo que se le pide a la IA (tono, "
                                              "servicios, qué evitar).",
        "analyst_settings.instructions_placeholder": "Ej.: Trata a los pacientes de tú. No "
                                                     "hables de precios por el chat.",
        "analyst_settings.save": "Guardar",
        "analyst_settings.saved": "Configuración del analista guardada.",
        "analyst_settings.error.analyzer": "Elige un analizador de la lista.",
        "analyst_settings.error.model": "Nombre de modelo no válido: usa letras, números y . _ "
                                        ": / - (hasta 100).",
        "analyst_settings.error.budget": "Indica un número entero de tokens entre 0 y "
                                         "100.000.000.",
        "analyst_settings.error.instructions_too_long": "Las instrucciones superan los 1.000 "
                                                        "caracteres.",
        "analyst_settings.error.forbidden": "Solo los administradores de la clínica cambian el "
                                            "analista.",
        "analyst_settings.error.failed": "No se pudo guardar. Inténtalo de nuevo.",
        "analyst_settings.section.runs": "Ejecuciones recientes",
        "analyst_settings.runs_intro": "Los últimos 50 análisis y sugerencias de respuesta, del "
                                       "más reciente al más antiguo. Horas en la zona de la "
                                       "clínica.",
        "analyst_settings.runs_none": "Todavía no hay ejecuciones.",
        "analyst_settings.kind.analysis": "Análisis",
        "analyst_settings.kind.reply": "Respuesta",
        "analyst_settings.trigger.manual": "Pedido",
        "analyst_settings.trigger.conversation_closed": "Conversación cerrada",
        "analyst_settings.trigger.scheduled": "Rutina diaria",
        "analyst_settings.trigger.api": "API",
        "analyst_settings.by.llm": "IA",
        "analyst_settings.by.heuristic": "Reglas (heurística)",
        "analyst_settings.fallback": "Reglas en lugar de la IA: {reason}",
        "analyst_settings.tokens": "{tokens_in} → {tokens_out} tokens",
        "analyst_settings.error_line": "Error: {reason}",
        "analyst_settings.clinic_text": "El analista lee las conversaciones de la clínica para "
                                        "resumir a cada cliente, estimar el riesgo de "
                                        "inasistencia y sugerir respuestas. No envía nada a "
                                        "los clientes: solo el equipo envía mensajes.",
        "analyst_settings.clinic_link": "Configurar el analista",
    },
}
