MESSAGES = {
    "app.tagline": "Una sola bandeja de entrada para tu clínica",
    "login.title": "Ingresar a Omni",
    "login.email": "Correo electrónico",
    "login.password": "Contraseña",
    "login.submit": "Ingresar",
    "login.error.invalid_credentials": "Correo o contraseña incorrectos.",
    "login.error.locked": "Esta cuenta está bloqueada. Habla con el administrador de la clínica.",
    "login.error.disabled": "Tu acceso fue desactivado. Habla con el administrador de la clínica.",
    "login.error.rate_limited": "Demasiados intentos. Espera unos minutos e inténtalo de nuevo.",
    "login.error.not_confirmed": "Confirma tu correo antes de ingresar.",
    "login.error.unavailable": "No es posible ingresar ahora. Inténtalo en unos instantes.",
    "login.reason.disabled": "Tu cuenta fue desactivada por un administrador.",
    "login.forgot": "Olvidé mi contraseña",
    "login.signup": "Crear una cuenta para mi clínica",
    "login.notice.confirm_email": "Cuenta creada. Confirma tu correo con el enlace que enviamos y "
                                  "luego ingresa.",
    "forgot.title": "Olvidé mi contraseña",
    "forgot.intro": "Escribe el correo de tu cuenta. Te enviaremos un enlace para elegir una "
                    "nueva contraseña.",
    "forgot.submit": "Enviar enlace",
    "forgot.sent": "Si hay una cuenta con ese correo, le enviamos un enlace para restablecer la "
                   "contraseña. Vale por una hora.",
    "forgot.back": "Volver a ingresar",
    "forgot.error.rate_limited": "Demasiadas solicitudes desde esta dirección. Espera unos "
                                 "minutos e inténtalo de nuevo.",
    "forgot.error.link_expired": "El enlace venció o ya se usó. Pide uno nuevo abajo.",
    "forgot.error.unavailable": "No es posible continuar ahora. Inténtalo en unos instantes.",
    "set_password.title": "Elige tu contraseña",
    "set_password.intro": "Elige la contraseña con la que ingresarás a Omni (al menos 8 "
                          "caracteres). Se cerrará tu sesión en todos los demás dispositivos.",
    "set_password.new": "Nueva contraseña",
    "set_password.confirm": "Confirma la nueva contraseña",
    "set_password.submit": "Guardar contraseña e ingresar",
    "set_password.error.too_short": "La contraseña necesita al menos 8 caracteres.",
    "set_password.error.mismatch": "Las dos contraseñas no coinciden.",
    "set_password.error.weak_password": "Contraseña demasiado débil. Elige una más larga.",
    "set_password.error.rate_limited": "Demasiados intentos. Espera unos minutos e inténtalo de "
                                       "nuevo.",
    "set_password.error.unavailable": "No se pudo guardar la contraseña ahora. Inténtalo en unos "
                                      "instantes.",
    "set_password.error.invalid_credentials": "No se pudo ingresar con la nueva contraseña. "
                                              "Intenta ingresar de nuevo.",
    "signup.title": "Crear cuenta",
    "signup.intro": "Crea tu cuenta y luego tu clínica. Para unirte al equipo de una clínica, "
                    "pide una invitación a su administrador.",
    "signup.name": "Tu nombre",
    "signup.email": "Correo electrónico",
    "signup.password": "Contraseña (al menos 8 caracteres)",
    "signup.confirm": "Confirma la contraseña",
    "signup.language": "Idioma",
    "signup.submit": "Crear cuenta",
    "signup.have_account": "Ya tengo cuenta: ingresar",
    "signup.error.email": "Escribe un correo válido.",
    "signup.error.too_short": "La contraseña necesita al menos 8 caracteres.",
    "signup.error.mismatch": "Las dos contraseñas no coinciden.",
    "signup.error.exists": "Ya existe una cuenta con ese correo. Ingresa o usa \"Olvidé mi "
                           "contraseña\".",
    "signup.error.weak_password": "Contraseña demasiado débil. Elige una más larga.",
    "signup.error.rate_limited": "Demasiadas cuentas creadas desde esta dirección. Inténtalo más "
                                 "tarde.",
    "signup.error.unavailable": "No se pudo crear la cuenta ahora. Inténtalo en unos instantes.",
    "nav.home": "Inicio",
    "nav.team": "Equipo",
    "nav.logout": "Salir",
    "nav.theme": "Cambiar tema",
    "nav.language": "Idioma",
    "role.admin": "Administrador",
    "role.staff": "Colaborador",
    "home.notice.admin_only": "Solo los administradores de la clínica pueden abrir esa página.",
    "home.notice.password_set": "Contraseña guardada. Se cerró tu sesión en todos los demás "
                                "dispositivos.",
    "home.title": "Inicio",
    "home.open_conversations": "Conversaciones abiertas",
    "home.unread_messages": "Mensajes no leídos",
    "home.appointments_today": "Citas de hoy",
    "home.open_leads": "Leads abiertos",
    "home.revenue_this_month": "Ingresos del mes",
    "onboarding.title": "Crea tu clínica",
    "onboarding.intro": "Todavía no formas parte de una clínica. Crea la tuya para empezar; luego "
                        "invita a tu equipo.",
    "onboarding.name": "Nombre de la clínica",
    "onboarding.timezone": "Zona horaria",
    "onboarding.submit": "Crear clínica",
    "onboarding.error.name": "Escribe el nombre de la clínica.",
    "onboarding.error.failed": "No se pudo crear la clínica. Inténtalo de nuevo en un momento.",
    "team.title": "Equipo",
    "team.members": "Miembros",
    "team.confirm.cancel": "Volver",
    "team.confirm.disable.title": "¿Desactivar el acceso?",
    "team.confirm.disable.text": "Esta persona sale de Omni ahora, en todos los dispositivos, y "
                                 "no podrá ingresar hasta ser reactivada.",
    "team.confirm.demote.title": "¿Quitar el acceso de administrador?",
    "team.confirm.demote.text": "Esta persona deja de gestionar el equipo y las integraciones, y "
                                "las claves de API que creó se revocan.",
    "team.confirm.revoke.title": "¿Cancelar la invitación?",
    "team.confirm.revoke.text": "Esta invitación ya no podrá aceptarse. Puedes invitar de nuevo "
                                "después.",
    "team.status.active": "Activo",
    "team.status.invited": "Invitado",
    "team.status.disabled": "Desactivado",
    "team.invite": "Invitar a un miembro",
    "team.invite.name": "Nombre completo",
    "team.invite.email": "Correo",
    "team.invite.submit": "Invitar",
    "team.error.email": "Escribe un correo válido.",
    "team.disable": "Desactivar",
    "team.enable": "Reactivar",
    "team.make_admin": "Hacer administrador",
    "team.make_staff": "Hacer equipo",
    "team.error.self": "No puedes cambiar tu propio acceso.",
    "team.error.failed": "No se pudo guardar. Inténtalo de nuevo en un momento.",
    "team.you": "tú",
    "integrations.nav": "Integraciones",
    "integrations.title": "Integraciones",
    "integrations.intro": "Conecta el flujo de n8n de cada canal. Los secretos se guardan cifrados"
                          " y solo se muestran enmascarados.",
    "integrations.status": "Recibiendo mensajes",
    "integrations.status.active": "Activa",
    "integrations.status.inactive": "Inactiva",
    "integrations.not_configured": "Aún no configurada: genera un secreto de firma para obtener la"
                                   " URL de webhook de este canal.",
    "integrations.webhook_url": "URL de webhook (n8n envía aquí los mensajes recibidos)",
    "integrations.outbound_url": "URL de salida de n8n (Omni envía allí las respuestas)",
    "integrations.save": "Guardar",
    "integrations.saved": "Guardado.",
    "integrations.last_used": "Último mensaje recibido",
    "integrations.never": "Nunca",
    "integrations.not_set": "Sin definir",
    "integrations.clear": "Quitar",
    "integrations.secret.title": "Secreto de firma",
    "integrations.secret.generate": "Generar secreto de firma",
    "integrations.secret.rotate": "Rotar secreto de firma",
    "integrations.secret.rotated": "Nuevo secreto de firma generado. Cópialo ahora: no se volverá "
                                   "a mostrar.",
    "integrations.secret.hide": "Ya lo copié",
    "integrations.secret.grace": "El secreto anterior sigue valiendo hasta {until}.",
    "integrations.secret.unreadable": "Los secretos guardados no se pueden descifrar (¿cambió "
                                      "OMNI_MASTER_KEY?). Vuelve a definirlos.",
    "integrations.meta.title": "Meta (entrega directa)",
    "integrations.meta.app_secret": "App secret de Meta",
    "integrations.meta.verify_token": "Verify token de Meta",
    "integrations.meta.keep": "Déjalo vacío para mantener el valor actual",
    "integrations.credentials.title": "Credenciales del proveedor",
    "integrations.credentials.hint": "Valores que necesita tu flujo de n8n, guardados cifrados y "
                                     "mostrados enmascarados.",
    "integrations.credentials.name": "Nombre",
    "integrations.credentials.value": "Valor",
    "integrations.credentials.save": "Guardar credencial",
    "integrations.recipe.title": "Receta para n8n",
    "integrations.recipe.code": "1. Un nodo Code (JavaScript) justo antes del HTTP Request firma "
                                "exactamente el texto que se enviará. n8n debe permitirle usar "
                                "crypto (NODE_FUNCTION_ALLOW_BUILTIN=crypto).",
    "integrations.recipe.http": "2. Un nodo HTTP Request envía ese mismo texto como cuerpo JSON "
                                "(Body Content Type: Raw, application/json), con estos "
                                "encabezados. No dejes que n8n rearme el JSON a partir de campos: "
                                "un cuerpo re-serializado ya no coincide con la firma.",
    "integrations.recipe.retry": "Si el envío falla, ejecuta de nuevo el nodo Code antes de "
                                 "reenviar: un informe de estado se acepta una vez por firma; los "
                                 "mensajes pueden reenviarse tal cual.",
    "integrations.recipe.download": "O descarga los flujos listos e impórtalos en n8n (Workflows → "
                                    "Import from file). El secreto no va en el archivo: define la "
                                    "variable de entorno indicada en la nota del flujo.",
    "integrations.recipe.download.inbound": "Flujo de entrada (mensajes → Omni)",
    "integrations.recipe.download.outbound": "Flujo de salida (respuestas de Omni → proveedor)",
    "integrations.recipe.reply": "3. Respuestas: Omni envía cada respuesta a la URL de salida de "
                                 "n8n, firmada de la misma forma, con un Idempotency-Key (el id de "
                                 "la respuesta, igual en cada reintento: úsalo para no enviar una "
                                 "respuesta dos veces).",
    "integrations.recipe.verify": "4. Un nodo Code justo después del Webhook (con la opción Raw "
                                  "Body activada) comprueba la firma sobre el cuerpo exacto y la "
                                  "hora (hasta 5 minutos).",
    "integrations.recipe.status": "5. Después de enviar, informa el estado en callback_url, "
                                  "firmado como un mensaje (con un nodo Code como el del paso 1). "
                                  "El estado solo avanza: sent, delivered, read; o failed con el "
                                  "error. Responde a Omni con 2xx solo si el proveedor aceptó la "
                                  "respuesta.",
    "integrations.n8n.name.inbound": "Omni — {channel}: mensajes recibidos",
    "integrations.n8n.name.outbound": "Omni — {channel}: respuestas enviadas",
    "integrations.n8n.note.inbound": "## Omni — {channel}: mensajes recibidos\n1. Apunta el "
                                     "webhook de tu proveedor al nodo \"Provider message\" (URL de "
                                     "producción).\n2. En el entorno de n8n define {variable} con "
                                     "el secreto de firma mostrado una vez en la página de "
                                     "integraciones de Omni, además de "
                                     "N8N_BLOCK_ENV_ACCESS_IN_NODE=false y "
                                     "NODE_FUNCTION_ALLOW_BUILTIN=crypto.\n3. Activa el flujo.",
    "integrations.n8n.note.outbound": "## Omni — {channel}: respuestas enviadas\n1. Copia la URL "
                                      "de producción del nodo \"Reply from Omni\" en el campo "
                                      "\"URL de salida de n8n\" de Omni.\n2. En el entorno de n8n "
                                      "define {variable} (el mismo secreto del flujo de entrada), "
                                      "N8N_BLOCK_ENV_ACCESS_IN_NODE=false y "
                                      "NODE_FUNCTION_ALLOW_BUILTIN=crypto.\n3. Cambia la URL y el "
                                      "cuerpo de \"Send to provider\" por la API de tu proveedor "
                                      "(claves en las credenciales de n8n).\n4. Activa el flujo.",
    "integrations.n8n.js.sign": "Firma el mensaje para Omni: HMAC-SHA256 de "
                                "\"<timestamp>.<cuerpo>\" con el secreto de firma del canal.",
    "integrations.n8n.js.secret": "El secreto viene del entorno de n8n ({variable}); nunca lo "
                                  "pegues en un flujo que compartes.\nn8n necesita "
                                  "N8N_BLOCK_ENV_ACCESS_IN_NODE=false y "
                                  "NODE_FUNCTION_ALLOW_BUILTIN=crypto.",
    "integrations.n8n.js.secret_missing": "La variable {variable} no está definida en el entorno "
                                          "de n8n.",
    "integrations.n8n.js.body": "El texto exacto que envía el siguiente nodo: no dejes que n8n "
                                "rearme el JSON, o la firma ya no coincide.",
    "integrations.n8n.js.verify": "Comprueba que la petición vino de Omni: la firma sobre el "
                                  "cuerpo exacto (opción Raw Body del Webhook) y una hora de hasta "
                                  "5 minutos.",
    "integrations.n8n.js.raw_missing": "Activa la opción Raw Body del nodo Webhook.",
    "integrations.n8n.js.idempotency": "Idempotency-Key es el id de la respuesta y se repite "
                                       "cuando Omni reintenta: úsalo para no enviar la misma "
                                       "respuesta dos veces.",
    "integrations.n8n.js.status": "Informa a Omni qué pasó con la respuesta (sent o failed) en "
                                  "callback_url, firmado como toda llamada a Omni.",
    "integrations.n8n.js.external_id": "El id del mensaje en el proveedor: ajústalo a la respuesta "
                                       "de tu proveedor (WhatsApp Cloud API: messages[0].id).",
    "integrations.copy": "Copiar",
    "integrations.error.channel": "Canal desconocido.",
    "integrations.error.url": "Indica una URL http:// o https:// válida, sin usuario ni "
                              "contraseña.",
    "integrations.error.name": "Usa letras, dígitos, puntos, guiones o guiones bajos (hasta 64).",
    "integrations.error.value": "Indica un valor (hasta 4096 caracteres).",
    "integrations.error.forbidden": "Solo los administradores de la clínica pueden cambiar "
                                    "integraciones.",
    "integrations.error.conflict": "Alguien cambió esta integración al mismo tiempo. Inténtalo de "
                                   "nuevo.",
    "quick_replies.nav": "Respuestas rápidas",
    "quick_replies.title": "Respuestas rápidas",
    "quick_replies.intro": "Respuestas listas que todo el equipo inserta en la conversación escribiendo / y el atajo, o con el botón ⚡ junto al cuadro de texto.",
    "quick_replies.new": "Nueva respuesta rápida",
    "quick_replies.shortcut": "Atajo",
    "quick_replies.body": "Texto",
    "quick_replies.variables": "Variables: {{nombre}} (nombre del cliente) y {{clinica}} (nombre de la clínica).",
    "quick_replies.save": "Guardar",
    "quick_replies.edit": "Editar",
    "quick_replies.delete": "Eliminar",
    "quick_replies.cancel": "Volver",
    "quick_replies.delete_title": "¿Eliminar esta respuesta rápida?",
    "quick_replies.saved": "Respuesta /{shortcut} guardada.",
    "quick_replies.deleted": "Respuesta rápida eliminada.",
    "quick_replies.empty": "Aún no hay respuestas rápidas.",
    "quick_replies.error.shortcut": "Usa en el atajo minúsculas, dígitos, - o _ (hasta 32).",
    "quick_replies.error.body": "Escribe el texto de la respuesta (hasta 4000 caracteres).",
    "quick_replies.error.duplicate": "Ya existe una respuesta con ese atajo.",
    "quick_replies.error.forbidden": "Solo los administradores de la clínica pueden cambiar las respuestas rápidas.",
    "quick_replies.error.not_found": "Esa respuesta rápida ya no existe.",
    "quick_replies.error.invalid": "Revisa el atajo y el texto.",
    "inbox.nav": "Bandeja de entrada",
    "inbox.search": "Buscar por nombre o teléfono",
    "inbox.search.label": "Buscar",
    "inbox.search.names": "Contactos",
    "inbox.search.messages": "Mensajes",
    "inbox.search.messages_hint": "Buscar en el texto de los mensajes",
    "inbox.search.type_words": "Escribe palabras para buscar en los mensajes.",
    "inbox.search.no_hits": "No se encontraron mensajes.",
    "inbox.total.one": "{count} conversación",
    "inbox.total.other": "{count} conversaciones",
    "inbox.load_more": "Cargar más",
    "inbox.back": "Volver a las conversaciones",
    "inbox.filter.channel": "Canal",
    "inbox.filter.all_channels": "Todos los canales",
    "inbox.filter.status": "Estado",
    "inbox.filter.open": "Abiertas",
    "inbox.filter.closed": "Cerradas",
    "inbox.filter.all": "Todas",
    "inbox.filter.unread": "Solo no leídas",
    "inbox.empty": "Ninguna conversación.",
    "inbox.pick": "Elige una conversación.",
    "inbox.you": "Tú",
    "inbox.closed": "Cerrada",
    "inbox.close": "Cerrar",
    "inbox.reopen": "Reabrir",
    "inbox.closed_hint": "Esta conversación está cerrada. Reábrela para responder.",
    "inbox.load_older": "Cargar mensajes anteriores",
    "inbox.composer": "Escribe una respuesta (Enter envía, Shift+Enter salta de línea)",
    "inbox.send": "Enviar",
    "inbox.window_warning": "Pasaron más de 24 horas desde el último mensaje del cliente: WhatsApp"
                            " puede rechazar una respuesta libre (usa una plantilla aprobada).",
    "inbox.retry": "Reintentar",
    "inbox.failure.n8n_status": "n8n lo rechazó ({status}).",
    "inbox.failure.n8n_status_retried": "n8n lo rechazó ({status}) tras {attempts} intentos.",
    "inbox.failure.n8n_timeout_retried": "n8n no respondió a tiempo tras {attempts} intentos.",
    "inbox.failure.n8n_unreachable_retried": "No se pudo contactar con n8n tras {attempts} intentos.",
    "inbox.failure.url_not_allowed": "La dirección de n8n de la clínica no está permitida; un administrador debe corregirla en Integraciones.",
    "inbox.failure.no_integration": "No hay una integración de {channel} activa; un administrador debe configurarla en Integraciones.",
    "inbox.failure.no_outbound_url": "La integración de {channel} no tiene la dirección de salida de n8n.",
    "inbox.failure.no_signing_secret": "La integración de {channel} no tiene secreto de firma.",
    "inbox.failure.secrets_sealed": "No se pudieron abrir los secretos de la integración (clave maestra del servidor).",
    "inbox.failure.could_not_run": "El envío no se pudo ejecutar.",
    "inbox.failure.provider": "El envío falló.",
    "inbox.failure.details": "Detalles",
    "inbox.failed_marker": "Respuesta no enviada",
    "inbox.status.received": "Recibido",
    "inbox.status.queued": "En cola",
    "inbox.status.sent": "Enviado",
    "inbox.status.delivered": "Entregado",
    "inbox.status.read": "Leído",
    "inbox.status.failed": "Falló",
    "inbox.age.now": "ahora",
    "inbox.media.file": "Adjunto ({type})",
    "inbox.media.unavailable": "{what}: no disponible aquí",
    "inbox.unsupported": "Tipo de mensaje no compatible",
    "inbox.error.not_found": "Conversación no encontrada.",
    "inbox.error.conflict": "Este cliente ya tiene otra conversación abierta en este canal.",
    "inbox.error.empty": "Escribe un mensaje.",
    "inbox.error.too_long": "Mensaje demasiado largo para este canal.",
    "inbox.error.too_long_limit": "El mensaje supera el límite de {limit} caracteres de {channel}. Acórtalo o divídelo en varios mensajes.",
    "inbox.composer.label": "Respuesta",
    "inbox.composer.mode_reply": "Responder",
    "inbox.composer.mode_note": "Nota interna",
    "inbox.composer.note_placeholder": "Nota para el equipo: el cliente no la ve y no se envía nada",
    "inbox.note.add": "Guardar nota",
    "inbox.note.label": "Nota interna",
    "inbox.quote": "Responder citando este mensaje",
    "inbox.quote.client": "Cliente",
    "inbox.quote.replying": "Respondiendo a",
    "inbox.quote.cancel": "No citar",
    "inbox.quick_replies": "Respuestas rápidas",
    "inbox.quick_replies.none": "No hay respuestas rápidas. Un administrador puede crearlas en Respuestas rápidas.",
    "inbox.emoji": "Emojis",
    "inbox.error.bad_quote": "El mensaje citado no está en esta conversación.",
    "inbox.error.note_too_long": "La nota supera el límite de {limit} caracteres.",
    "inbox.error.closed": "La conversación está cerrada: reábrela para responder.",
    "inbox.error.not_failed": "Solo se pueden reenviar los mensajes que fallaron.",
    "api_keys.last_used": "Último uso",
    "api_keys.title": "Claves de API",
    "api_keys.intro": "Para automatizaciones (el agente de IA de n8n, otras herramientas) que usan"
                      " la API de Omni. Una clave actúa como el admin que la creó.",
    "api_keys.docs": "Documentación de la API",
    "api_keys.name": "Nombre",
    "api_keys.prefix": "Clave",
    "api_keys.created_at": "Creada",
    "api_keys.create": "Crear clave",
    "api_keys.created": "Copia esta clave ahora: no se volverá a mostrar.",
    "api_keys.revoke": "Revocar",
    "api_keys.revoked": "Clave revocada.",
    "api_keys.revoked_badge": "Revocada",
    "api_keys.error.empty_name": "Ponle un nombre a la clave.",
    "api_keys.error.name_too_long": "El nombre es demasiado largo (100 caracteres como máximo).",
    "api_keys.error.not_found": "Clave no encontrada.",
    "team.invite.done": "Invitación creada para {email}.",
    "team.invite.mailed": "Invitación enviada a {email}.",
    "team.invite.mailed_note": "La persona recibe un correo con un enlace para elegir su "
                               "contraseña y unirse a la clínica. Si ya tiene cuenta en Omni, ve "
                               "la invitación al ingresar.",
    "team.invite.password_note": "Si esta dirección aún no tenía cuenta en Omni, creamos una con "
                                 "la contraseña temporal de abajo (solo se muestra ahora). Si ya "
                                 "tenía, la persona verá la invitación al entrar.",
    "team.invite.hide": "Ocultar",
    "team.invitations": "Invitaciones pendientes",
    "team.invitation.expires": "Vence",
    "team.invitation.revoke": "Cancelar invitación",
    "team.invitation.revoked": "Invitación cancelada.",
    "team.error.not_found": "No encontrado: la lista se actualizó.",
    "onboarding.invitations": "Invitaciones para ti",
    "onboarding.invitation": "{clinic} te invitó al equipo como {role}.",
    "onboarding.accept": "Unirme a la clínica",
    "onboarding.or_create": "O crea tu propia clínica",
    "onboarding.error.not_found": "No se pudo aceptar la invitación: venció o fue cancelada.",
    "nav.account": "Mi cuenta",
    "nav.menu": "Menú de la cuenta",
    "nav.logout_everywhere": "Cerrar sesión en todos los dispositivos",
    "account.title": "Mi cuenta",
    "account.password.title": "Cambiar contraseña",
    "account.password.current": "Contraseña actual",
    "account.password.new": "Contraseña nueva",
    "account.password.confirm": "Confirma la contraseña nueva",
    "account.password.submit": "Cambiar contraseña",
    "account.password.hint": "Al menos 8 caracteres. Al cambiarla, se cierra tu sesión en todos "
                             "los demás dispositivos.",
    "account.password.done": "Contraseña cambiada. Se cerró tu sesión en todos los demás "
                             "dispositivos.",
    "account.error.invalid_credentials": "La contraseña actual es incorrecta.",
    "account.error.mismatch": "Las dos contraseñas nuevas no coinciden.",
    "account.error.too_short": "La contraseña nueva necesita al menos 8 caracteres.",
    "account.error.same_password": "La contraseña nueva debe ser distinta de la actual.",
    "account.error.weak_password": "Contraseña demasiado débil. Elige una más larga.",
    "account.error.rate_limited": "Demasiados intentos. Espera unos minutos y vuelve a intentarlo.",
    "account.error.unavailable": "No se pudo cambiar la contraseña ahora. Inténtalo de nuevo en un"
                                 " momento.",
    "account.everywhere.title": "Sesiones",
    "account.everywhere.text": "Cierra la sesión de Omni en todos los navegadores y dispositivos, "
                               "incluido este.",
    "account.everywhere.confirm.title": "¿Cerrar sesión en todos los dispositivos?",
    "account.everywhere.confirm.text": "Sales de Omni en todos los navegadores y "
                                       "dispositivos, incluido este, y tendrás que "
                                       "ingresar de nuevo.",
    "account.everywhere.confirm.cancel": "Volver",
    "account.profile.title": "Perfil",
    "account.name.label": "Tu nombre",
    "account.name.hint": "Se muestra arriba en la pantalla y en las notas que escribes.",
    "account.name.save": "Guardar nombre",
    "account.name.saved": "Nombre guardado.",
    "account.name.error.invalid": "Escribe un nombre (hasta 200 caracteres).",
    "account.language.label": "Idioma",
    "account.theme.label": "Tema",
    "account.theme.light": "Claro",
    "account.theme.dark": "Oscuro",
    "account.theme.system": "Igual que el dispositivo",
    "account.sessions.text": "Dónde está abierta tu cuenta ahora. Cierra lo que no reconozcas.",
    "account.sessions.current": "Este dispositivo",
    "account.sessions.device": "{browser} en {system}",
    "account.sessions.unknown_browser": "Navegador desconocido",
    "account.sessions.unknown_system": "sistema desconocido",
    "account.sessions.created": "Entró el {when}",
    "account.sessions.last_seen": "Activo el {when}",
    "account.sessions.end": "Cerrar",
    "account.sessions.end.title": "¿Cerrar esta sesión?",
    "account.sessions.end.text": "Ese navegador sale de Omni y tendrá que iniciar sesión de nuevo.",
    "account.sessions.ended": "Sesión cerrada.",
    "integrations.error.url_https": "En producción, la URL de n8n debe empezar con https://.",
    "integrations.error.url_private": "Esta URL lleva a una dirección interna o privada. Para usar"
                                      " un n8n de la red interna, el operador debe permitirlo en "
                                      "OMNI_OUTBOUND_ALLOW.",
    "integrations.error.url_unresolved": "No encontramos esta dirección (DNS). Revisa la URL.",
    "onboarding.error.conflict": "Ya formas parte de una clínica.",
    "error.refused": "No se pudo completar esta acción. Recarga la página e inténtalo de nuevo.",
}
