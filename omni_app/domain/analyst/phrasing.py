"""The heuristic analyzer's sentences, in pt-BR, es and en: the summary and the next best action
(in the clinic's language, for staff) and reply drafts (in the client's language). They are
analysis content, not interface text: they are stored with the snapshot, as the LLM's are."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from omni_app.domain.analyst.analysis import SUMMARY_MAX, Preferences
from omni_app.domain.analyst.context import ClientContext, Visit
from omni_app.i18n import CATALOGS

WEEKDAY_NAMES = {
    "pt-BR": ("segunda", "terça", "quarta", "quinta", "sexta", "sábado", "domingo"),
    "es": ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}
DAY_KEYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

TEXT: dict[str, dict[str, str]] = {
    "pt-BR": {
        "intent.schedule": "quer agendar", "intent.reschedule": "pediu para remarcar",
        "intent.cancel": "pediu para cancelar", "intent.price_question": "perguntou sobre valores",
        "intent.complaint": "fez uma reclamação",
        "intent.other": "não pediu horário nem valores",
        "no_messages": "ainda não escreveu",
        "objection.price": "preço", "objection.fear": "medo", "objection.distance": "distância",
        "objection.time": "falta de tempo", "objection.other": "indecisão",
        "objections": ", com objeções de {kinds}", "and": " e ",
        "history": "Histórico: {items}.", "done.1": "consulta realizada",
        "done.n": "consultas realizadas", "missed.1": "falta", "missed.n": "faltas",
        "late.1": "cancelamento em cima da hora", "late.n": "cancelamentos em cima da hora",
        "next": "Próxima consulta: {when}{service}; risco de falta {level}.",
        "none_booked": "Sem consulta marcada; risco de falta {level}.",
        "level.low": "baixo", "level.medium": "médio", "level.high": "alto",
        "when": "{day}, {date} às {time}", "the_visit": "da consulta de {day}",
        "the_visit_date": "da consulta do dia {date}",
        "act.complaint": "Peça desculpas, ouça o paciente e encaminhe a reclamação ao "
                         "responsável hoje.",
        "act.cancel_booked": "Confirme o cancelamento {visit} e ofereça uma nova data.",
        "act.cancel": "Registre o cancelamento e deixe a porta aberta para uma nova data.",
        "act.reschedule_booked": "Ofereça novos horários{prefs} no lugar {visit}.",
        "act.reschedule": "Ofereça novos horários{prefs} para remarcar.",
        "act.price": "Envie os valores e as formas de pagamento.",
        "act.price_objection": "Envie os valores com as opções de parcelamento e destaque o "
                               "que está incluído.",
        "act.confirm_high": "Envie a confirmação {visit} e ofereça remarcar.",
        "act.schedule": "Ofereça horários{prefs} e confirme o agendamento.",
        "act.recover": "Entre em contato para entender as faltas e propor um novo horário.",
        "act.remind": "Envie um lembrete {visit} na véspera.",
        "act.booked": "Confirme com {name} o horário {visit}.",
        "act.fear": "Tranquilize sobre dor e anestesia e convide para uma avaliação.",
        "act.price_followup": "Retome o orçamento com {name} e apresente as opções de "
                              "parcelamento.",
        "act.distance": "Ofereça horários fora do pico do trânsito ou a unidade mais próxima.",
        "act.time": "Ofereça horários no início da manhã, à noite ou aos sábados.",
        "act.other": "Faça um acompanhamento em alguns dias para tirar as dúvidas que ficaram.",
        "act.answer": "Responda a última mensagem de {name}.",
        "act.none": "Nenhuma ação necessária agora; acompanhe no próximo contato.",
        "prefs": " ({items})",
        "time.morning": "manhã", "time.afternoon": "tarde", "time.evening": "noite",
        "hello": "Olá, {name}!", "hello_anon": "Olá!",
        "slots": "para {days}", "or": " ou ",
        "slot_time.morning": "de manhã", "slot_time.afternoon": "à tarde",
        "slot_time.evening": "à noite",
        "reply.schedule": "Vamos agendar!",
        "reply.reschedule": "Sem problemas, vamos remarcar{visit}.",
        "ask.slots": "Temos horários{slots}; qual fica melhor para você?",
        "ask.open": "Qual dia e horário ficam melhores para você?",
        "reply.booked": "Sua consulta está marcada para {when}. Podemos confirmar sua presença?",
        "reply.thanks": "Ficamos muito felizes! Qualquer coisa, estamos à disposição.",
        "reply.cancel": "Tudo bem, cancelamos{visit}. Quando quiser, marcamos uma nova data — é "
                        "só nos avisar.",
        "reply.price_question": "Obrigado pelo interesse! Qual tratamento você gostaria de "
                                "fazer? Nossa equipe já te envia os valores e as formas de "
                                "pagamento.",
        "reply.price_objection": " Temos opções de parcelamento.",
        "reply.complaint": "Sentimos muito pelo ocorrido. Já encaminhamos ao responsável e "
                           "vamos retornar o quanto antes para resolver.",
        "reply.other": "Obrigado pela mensagem! Como podemos ajudar?",
        "reply.fear": " Cuidamos do seu conforto em cada etapa, com anestesia sempre que "
                      "necessário.",
        "reply.visit": " a sua consulta de {day}", "reply.visit_date": " a sua consulta do dia "
                                                                         "{date}",
    },
    "es": {
        "intent.schedule": "quiere agendar", "intent.reschedule": "pidió reprogramar",
        "intent.cancel": "pidió cancelar", "intent.price_question": "preguntó por precios",
        "intent.complaint": "presentó una queja",
        "intent.other": "no pidió turno ni precios",
        "no_messages": "todavía no escribió",
        "objection.price": "precio", "objection.fear": "miedo", "objection.distance": "distancia",
        "objection.time": "falta de tiempo", "objection.other": "indecisión",
        "objections": ", con objeciones de {kinds}", "and": " y ",
        "history": "Historial: {items}.", "done.1": "consulta realizada",
        "done.n": "consultas realizadas", "missed.1": "ausencia", "missed.n": "ausencias",
        "late.1": "cancelación de último momento", "late.n": "cancelaciones de último momento",
        "next": "Próximo turno: {when}{service}; riesgo de ausencia {level}.",
        "none_booked": "Sin turno agendado; riesgo de ausencia {level}.",
        "level.low": "bajo", "level.medium": "medio", "level.high": "alto",
        "when": "{day} {date} a las {time}", "the_visit": "del turno del {day}",
        "the_visit_date": "del turno del {date}",
        "act.complaint": "Pida disculpas, escuche al paciente y derive la queja al responsable "
                         "hoy.",
        "act.cancel_booked": "Confirme la cancelación {visit} y ofrezca una nueva fecha.",
        "act.cancel": "Registre la cancelación y deje abierta la puerta para una nueva fecha.",
        "act.reschedule_booked": "Ofrezca nuevos horarios{prefs} en lugar {visit}.",
        "act.reschedule": "Ofrezca nuevos horarios{prefs} para reprogramar.",
        "act.price": "Envíe los precios y las formas de pago.",
        "act.price_objection": "Envíe los precios con las opciones de pago en cuotas y destaque "
                               "lo que incluye.",
        "act.confirm_high": "Envíe la confirmación {visit} y ofrezca reprogramar.",
        "act.schedule": "Ofrezca horarios{prefs} y confirme el turno.",
        "act.recover": "Contacte al paciente para entender las ausencias y proponer un nuevo "
                       "horario.",
        "act.remind": "Envíe un recordatorio {visit} el día anterior.",
        "act.booked": "Confirme con {name} el horario {visit}.",
        "act.fear": "Tranquilice sobre el dolor y la anestesia e invite a una evaluación.",
        "act.price_followup": "Retome el presupuesto con {name} y presente las opciones de "
                              "pago en cuotas.",
        "act.distance": "Ofrezca horarios fuera de la hora pico o la sede más cercana.",
        "act.time": "Ofrezca horarios temprano, por la noche o los sábados.",
        "act.other": "Haga un seguimiento en unos días para resolver las dudas pendientes.",
        "act.answer": "Responda el último mensaje de {name}.",
        "act.none": "No hace falta ninguna acción ahora; siga en el próximo contacto.",
        "prefs": " ({items})",
        "time.morning": "mañana", "time.afternoon": "tarde", "time.evening": "noche",
        "hello": "¡Hola, {name}!", "hello_anon": "¡Hola!",
        "slots": "para el {days}", "or": " o ",
        "slot_time.morning": "por la mañana", "slot_time.afternoon": "por la tarde",
        "slot_time.evening": "por la noche",
        "reply.schedule": "¡Agendemos!",
        "reply.reschedule": "No hay problema, reprogramamos{visit}.",
        "ask.slots": "Tenemos horarios{slots}; ¿cuál le queda mejor?",
        "ask.open": "¿Qué día y horario le quedan mejor?",
        "reply.booked": "Su turno está agendado para el {when}. ¿Podemos confirmar su "
                        "asistencia?",
        "reply.thanks": "¡Nos alegra mucho! Cualquier cosa, estamos a disposición.",
        "reply.cancel": "Listo, cancelamos{visit}. Cuando quiera, agendamos una nueva fecha; "
                        "solo avísenos.",
        "reply.price_question": "¡Gracias por su interés! ¿Qué tratamiento le gustaría hacer? "
                                "Nuestro equipo le envía los precios y las formas de pago.",
        "reply.price_objection": " Tenemos opciones de pago en cuotas.",
        "reply.complaint": "Lamentamos mucho lo ocurrido. Ya lo derivamos al responsable y le "
                           "responderemos lo antes posible para resolverlo.",
        "reply.other": "¡Gracias por su mensaje! ¿En qué podemos ayudarle?",
        "reply.fear": " Cuidamos su comodidad en cada paso, con anestesia siempre que haga "
                      "falta.",
        "reply.visit": " su turno del {day}", "reply.visit_date": " su turno del {date}",
    },
    "en": {
        "intent.schedule": "wants to book", "intent.reschedule": "asked to reschedule",
        "intent.cancel": "asked to cancel", "intent.price_question": "asked about prices",
        "intent.complaint": "made a complaint",
        "intent.other": "made no booking or price request",
        "no_messages": "has not written yet",
        "objection.price": "price", "objection.fear": "fear", "objection.distance": "distance",
        "objection.time": "lack of time", "objection.other": "indecision",
        "objections": ", raising {kinds}", "and": " and ",
        "history": "History: {items}.", "done.1": "visit completed",
        "done.n": "visits completed", "missed.1": "no-show", "missed.n": "no-shows",
        "late.1": "late cancellation", "late.n": "late cancellations",
        "next": "Next visit: {when}{service}; no-show risk {level}.",
        "none_booked": "No visit booked; no-show risk {level}.",
        "level.low": "low", "level.medium": "medium", "level.high": "high",
        "when": "{day} {date} at {time}", "the_visit": "the {day} visit",
        "the_visit_date": "the visit on {date}",
        "act.complaint": "Apologise, listen to the patient and escalate the complaint to the "
                         "person in charge today.",
        "act.cancel_booked": "Confirm the cancellation of {visit} and offer a new date.",
        "act.cancel": "Record the cancellation and leave the door open for a new date.",
        "act.reschedule_booked": "Offer new times{prefs} in place of {visit}.",
        "act.reschedule": "Offer new times{prefs} to reschedule.",
        "act.price": "Send the prices and the payment options.",
        "act.price_objection": "Send the prices with the instalment options and highlight what "
                               "is included.",
        "act.confirm_high": "Send the confirmation of {visit} and offer to reschedule.",
        "act.schedule": "Offer times{prefs} and confirm the booking.",
        "act.recover": "Reach out to understand the missed visits and propose a new time.",
        "act.remind": "Send a reminder of {visit} the day before.",
        "act.booked": "Confirm {visit} with {name}.",
        "act.fear": "Reassure them about pain and anaesthesia and invite them to an "
                    "assessment.",
        "act.price_followup": "Follow up on the quote with {name} and present the instalment "
                              "options.",
        "act.distance": "Offer times outside rush hour or the nearest location.",
        "act.time": "Offer early-morning, evening or Saturday times.",
        "act.other": "Follow up in a few days to clear up any remaining doubts.",
        "act.answer": "Answer {name}'s last message.",
        "act.none": "No action needed now; follow up at the next contact.",
        "prefs": " ({items})",
        "time.morning": "morning", "time.afternoon": "afternoon", "time.evening": "evening",
        "hello": "Hi {name}!", "hello_anon": "Hi!",
        "slots": "on {days}", "or": " or ",
        "slot_time.morning": "in the morning", "slot_time.afternoon": "in the afternoon",
        "slot_time.evening": "in the evening",
        "reply.schedule": "Let's book you in!",
        "reply.reschedule": "No problem, let's reschedule{visit}.",
        "ask.slots": "We have times{slots}; which one suits you best?",
        "ask.open": "Which day and time suit you best?",
        "reply.booked": "Your visit is booked for {when}. Can we confirm you'll be there?",
        "reply.thanks": "We're so glad! Anything else, we're here to help.",
        "reply.cancel": "All right, we have cancelled{visit}. Whenever you like, we can book a "
                        "new date; just let us know.",
        "reply.price_question": "Thanks for your interest! Which treatment are you "
                                "considering? Our team will send you the prices and payment "
                                "options.",
        "reply.price_objection": " We offer instalment plans.",
        "reply.complaint": "We are very sorry about what happened. We have passed it on to the "
                           "person in charge and will get back to you as soon as possible.",
        "reply.other": "Thanks for your message! How can we help?",
        "reply.fear": " We take care of your comfort at every step, with anaesthesia whenever "
                      "needed.",
        "reply.visit": " your {day} visit", "reply.visit_date": " your visit on {date}",
    },
}


@dataclass(frozen=True)
class Facts:
    """What the sentences are made of."""
    ctx: ClientContext
    intent: str
    risk: str
    objections: list[str]
    preferences: Preferences
    mood: str = "neutral"
    awaiting_reply: bool = False

    @property
    def upcoming(self) -> Visit | None:
        return self.ctx.upcoming[0] if self.ctx.upcoming else None


def _lang(language: str) -> dict[str, str]:
    return TEXT.get(language) or TEXT["pt-BR"]


def _when(visit: Visit, language: str) -> str:
    return _lang(language)["when"].format(day=_day(visit.starts_at, language),
                                          date=_date(visit.starts_at, language),
                                          time=visit.starts_at.strftime("%H:%M"))


def _date(value: dt.datetime, language: str) -> str:
    return value.strftime("%m/%d" if language == "en" else "%d/%m")


def _day(value: dt.datetime, language: str) -> str:
    return WEEKDAY_NAMES.get(language, WEEKDAY_NAMES["pt-BR"])[value.weekday()]


def _joined(items: list[str], t: dict[str, str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + t["and"] + items[-1]


def _visit_ref(facts: Facts, language: str, key: str = "the_visit") -> str:
    """"da consulta de sexta" within a week, "da consulta do dia 20/02" after."""
    t, visit = _lang(language), facts.upcoming
    if visit is None:
        return ""
    if (visit.starts_at.date() - facts.ctx.now.date()).days < 7:
        return t[key].format(day=_day(visit.starts_at, language))
    return t[key + "_date"].format(date=_date(visit.starts_at, language))


def summary(facts: Facts) -> str:
    """1–3 sentences in the clinic's language: who and what they want, the history, the next
    visit and its risk."""
    language = facts.ctx.clinic_language
    t, ctx = _lang(language), facts.ctx
    wrote = any(m.inbound for m in ctx.messages)
    stage = CATALOGS.get(language, {}).get(f"clients.stage.{ctx.stage}", ctx.stage)
    first = f"{ctx.first_name or '—'} ({stage}) " + (
        t[f"intent.{facts.intent}"] if wrote else t["no_messages"])
    if facts.objections:
        first += t["objections"].format(
            kinds=_joined([t[f"objection.{k}"] for k in facts.objections], t))
    sentences = [first + "."]
    past = [v for v in ctx.visits if v.starts_at < ctx.now]
    counts = {"done": sum(v.status == "completed" for v in past),
              "missed": sum(v.status == "no_show" for v in past),
              "late": sum(v.late_cancellation for v in past)}
    items = [f"{n} {t[f'{key}.1' if n == 1 else f'{key}.n']}" for key, n in counts.items() if n]
    if items:
        sentences.append(t["history"].format(items=", ".join(items)))
    level = t[f"level.{facts.risk}"]
    visit = facts.upcoming
    if visit is None:
        sentences.append(t["none_booked"].format(level=level))
    else:
        service = f" ({visit.service})" if visit.service else ""
        sentences.append(t["next"].format(when=_when(visit, language), service=service,
                                          level=level))
    text = " ".join(sentences)
    return text if len(text) <= SUMMARY_MAX else text[:SUMMARY_MAX - 1] + "…"


def _prefs(facts: Facts, language: str) -> str:
    t = _lang(language)
    p = facts.preferences
    items = [_day_name(d, language) for d in p.days] + [t[f"time.{x}"] for x in p.times]
    return t["prefs"].format(items=", ".join(items)) if items else ""


def _day_name(key: str, language: str) -> str:
    return WEEKDAY_NAMES.get(language, WEEKDAY_NAMES["pt-BR"])[DAY_KEYS.index(key)]


_OBJECTION_ACTIONS = {"fear": "act.fear", "price": "act.price_followup",
                      "distance": "act.distance", "time": "act.time", "other": "act.other"}


def next_best_action(facts: Facts) -> str:
    """One sentence for staff, in the clinic's language: the intent first, then the risk."""
    language = facts.ctx.clinic_language
    t, booked = _lang(language), facts.upcoming is not None
    visit = _visit_ref(facts, language)
    if facts.intent == "complaint":
        key = "act.complaint"
    elif facts.intent == "cancel":
        key = "act.cancel_booked" if booked else "act.cancel"
    elif facts.intent == "reschedule":
        key = "act.reschedule_booked" if booked else "act.reschedule"
    elif facts.intent == "price_question":
        key = "act.price_objection" if "price" in facts.objections else "act.price"
    elif booked and facts.risk == "high":
        key = "act.confirm_high"
    elif booked and facts.risk == "medium":
        key = "act.remind"
    elif booked and facts.intent == "schedule":
        key = "act.booked"
    elif facts.intent == "schedule":
        key = "act.schedule"
    elif facts.risk == "high":
        key = "act.recover"
    elif facts.objections:
        key = _OBJECTION_ACTIONS[facts.objections[0]]
    elif facts.awaiting_reply:
        key = "act.answer"
    else:
        key = "act.none"
    return t[key].format(visit=visit, prefs=_prefs(facts, language),
                         name=facts.ctx.first_name or "—")


def _slots(facts: Facts, language: str) -> str:
    t, p = _lang(language), facts.preferences
    parts = []
    if p.days:
        parts.append(t["slots"].format(
            days=t["or"].join(_day_name(d, language) for d in p.days)))
    if p.times:
        parts.append(t["or"].join(t[f"slot_time.{x}"] for x in p.times))
    return (" " + " ".join(parts)) if parts else ""


def _last_inbound(ctx: ClientContext) -> dt.datetime:
    return max((m.at for m in ctx.messages if m.inbound), default=ctx.now)


def reply(facts: Facts, language: str) -> str:
    """A draft for staff to edit, in the client's language: greeting, then the answer to what
    they asked."""
    t = _lang(language)
    name = facts.ctx.first_name.strip()
    hello = t["hello"].format(name=name) if name else t["hello_anon"]
    visit = ""
    if facts.upcoming is not None:
        days_away = (facts.upcoming.starts_at.date() - facts.ctx.now.date()).days
        visit = (t["reply.visit"].format(day=_day(facts.upcoming.starts_at, language))
                 if days_away < 7 else
                 t["reply.visit_date"].format(date=_date(facts.upcoming.starts_at, language)))
    slots = _slots(facts, language)
    booked_since = (facts.intent == "schedule" and facts.upcoming is not None
                    and facts.upcoming.booked_at >= _last_inbound(facts.ctx))
    if booked_since:
        body = t["reply.booked"].format(when=_when(facts.upcoming, language))
    elif facts.intent in ("schedule", "reschedule"):
        body = (t[f"reply.{facts.intent}"].format(visit=visit) + " "
                + (t["ask.slots"].format(slots=slots) if slots else t["ask.open"]))
    elif facts.intent == "other" and facts.mood == "positive":
        body = t["reply.thanks"]
    else:
        body = t[f"reply.{facts.intent}"].format(visit=visit)
    if facts.intent == "price_question" and "price" in facts.objections:
        body += t["reply.price_objection"]
    if "fear" in facts.objections and facts.intent in ("schedule", "reschedule", "other"):
        body += t["reply.fear"]
    return f"{hello} {body}"
