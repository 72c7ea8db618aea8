"""The heuristic analyzer's words: one table per language (pt-BR as clinics' WhatsApp chats are
written — "vc", "pq", "qto", "hj" —, es, en) of regular expressions for intents, objections,
sentiment, days and times of day, and of the words that tell the languages apart.

Patterns are written with accents for the reader and folded (lower case, accents dropped, as
`fold` does to messages) when compiled, so "não", "nao" and "NÃO" all match. Emojis are kept.
`Found` answers which entries matched a text and where, which the analyzer needs for quotes and
for negation ("não quero cancelar")."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

LANGUAGES = ("pt-BR", "es", "en")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
TIMES_OF_DAY = ("morning", "afternoon", "evening")


def fold(text: str) -> str:
    """Lower case without accents (combining marks dropped); emojis and punctuation stay."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass(frozen=True)
class Lexicon:
    language: str
    markers: frozenset[str]              # whole words typical of the language, folded
    negators: frozenset[str]             # a match preceded by one of these (same clause) is off
    intents: dict[str, tuple[str, ...]]  # strong cues, by intent
    cant_go: tuple[str, ...]             # "I can't make it": cancel unless a stronger cue
    another_day: tuple[str, ...]         # asks for another day: with cant_go, a reschedule
    confirms: tuple[str, ...]            # the client confirming: no vote for an intent
    objections: dict[str, tuple[str, ...]]
    positive: tuple[str, ...]
    negative: tuple[str, ...]
    days: dict[str, tuple[str, ...]]
    times: dict[str, tuple[str, ...]]
    confirmation: tuple[str, ...] = field(default=())   # a clinic message asking to confirm


def words(*alternatives: str) -> str:
    """`alternatives` as whole words (each may hold regex)."""
    return r"\b(?:" + "|".join(alternatives) + r")\b"


PT = Lexicon(
    language="pt-BR",
    markers=frozenset("""
        voce voces vc vcs nao obrigado obrigada obg brigado oi ola pra pro queria gostaria tem
        tenho consigo posso pode bom boa amanha hoje hj meu minha uma um com ta tudo bem sim
        entao agora ainda depois consulta horario marcar agendar remarcar desmarcar quanto qto
        preciso vou isso esse essa nossa kkk kkkk rs dessa vez q pq mt mto muito voltar ficou
        esperando ninguem achei fiz tratamento nada ate vcs coisa falar
        """.split()),
    negators=frozenset({"nao", "nunca", "nem"}),
    intents={
        "complaint": (
            words(r"reclama\w*", r"pessim[oa]s?", r"horrivel", r"absurd[oa]", "descaso",
                  "desrespeito", "falta de respeito", "falta de educacao", r"grosseir[oa]s?",
                  r"mal atendid[oa]", "nao gostei", r"chatead[oa]", r"decepcionad[oa]",
                  r"indignad[oa]", "vergonha", "procon", "reclame aqui", "dinheiro de volta",
                  r"quero (?:o |meu )?(?:reembolso|estorno)", r"insatisfeit[oa]",
                  r"incompetent\w*", r"a toa",
                  r"perdi (?:o |meu |minha |a )?(?:dia|tempo|manha|tarde)",
                  r"ninguem (?:me )?(?:responde|atende|avisou|retorna)",
                  r"que demora", r"demora(?:ram)? demais", r"ficou tort[oa]", r"nao resolve\w*"),
            r"\bcobrad[oa] (?:duas vezes|errado|a mais)",
            r"\bfiquei .{0,25}esperando", r"\b\d+ ?h(?:ora)?s? esperando",
            "😡", "🤬", "😤",
        ),
        "reschedule": (
            words(r"remarca\w*", r"remarque\w*", r"reagenda\w*", "adiar", "adiantar",
                  "transferir", r"mudar (?:o|a|meu|minha) (?:horario|dia|data|consulta)"),
            r"\btroca(?:r)?\b.{0,40}\bpr[oa]\b",
            r"\bpassa(?:r)?\b.{0,30}\b(?:pro|pra|para) (?:o |a )?(?:dia|outr[oa]|semana|"
            r"proxima|segunda|terca|quarta|quinta|sexta|sabado)",
            words(r"no lugar d[eao]", r"em vez d[eao]", r"ao inves d[eao]"),
        ),
        "cancel": (
            words(r"cancel\w*", r"desmarca\w*", r"desmarque\w*", r"desist\w*"),
        ),
        "price_question": (
            words(r"valor(?:es)?", "preco", "precos", r"or[cç]amento", r"parcel\w*",
                  "a vista", "promocao", "desconto", "formas? de pagamento", "tabela",
                  r"(?:quanto|qto|qnto) (?:custa|fica|sai|e|ta|esta|cobra\w*)",
                  r"aceita[m]? (?:cartao|pix|convenio|plano|\w+)"),
        ),
        "schedule": (
            words("agendar", "agenda", "agendamento", "marcar", "marca", "marque", "encaixe",
                  "encaixar", "vaga", r"tem horario\w*", r"horarios? disponive\w*",
                  r"(?:quero|queria|gostaria de) (?:fazer|uma|um) (?:consulta|avaliacao)"),
        ),
    },
    cant_go=(r"\bnao (?:vou |vai )?(?:poder|conseguir|consigo|posso) (?:ir|comparecer)\b",
             r"\bnao vou mais\b", r"\bnao volto mais\b"),
    another_day=(words(r"outr[oa] (?:dia|data|horario|semana)", "semana que vem",
                       r"proxima semana"),),
    confirms=(words(r"confirmad[oa]", "confirmo", "confirmando", "estarei ai", "estarei la"),),
    objections={
        "price": (
            words("caro", r"(?:muito|mt|mto|meio|bem|tao|achei|ta|esta|e|ficou|mais) cara",
                  r"carissim[oa]", "salgado", "puxado", r"apertad[oa]",
                  "sem grana", "sem dinheiro", r"parcel\w*", "desconto", "mais barato",
                  r"nao (?:vou |tenho como )?(?:consigo|conseguir|posso) pagar",
                  r"nao tenho (?:dinheiro|grana|condi\w*)", "fora do (?:meu )?orcamento",
                  r"acima do que (?:eu )?esperava", "a vista nao", "nao cabe no bolso",
                  r"orcamento (?:ta|esta|anda) (?:curto|apertado)", r"(?:grana|dinheiro) curt[oa]"),
        ),
        "fear": (
            words("medo", "pavor", "receio", "trauma", r"nervos[oa]", r"ansios[oa]",
                  r"agulhas?", "anestesia", "doi", "doer", "vai doer",
                  r"(?:sentir|sente|sinto) dor"),
            "😰", "😱",
        ),
        "distance": (
            words("longe", "distante", "transito", "inviavel ir", r"me mudei", "outra cidade",
                  r"mais pert[oa]", "perto de casa", "outra unidade",
                  r"nao (?:tenho como|consigo|vou conseguir) (?:ir|chegar) ate ai"),
        ),
        "time": (
            words("sem tempo", "nao tenho tempo", "correria", r"reuni(?:ao|oes)",
                  "viajar", "viagem", "no trabalho", "a trabalho", "do trabalho",
                  r"trabalho o dia (?:todo|inteiro)", r"so posso (?:depois|a noite|de noite|"
                  r"sabado|no sabado|aos sabados|de manha|cedo)", "agenda (?:lotada|cheia)",
                  r"compromisso", r"durante a semana", r"fica dificil pra mim",
                  r"(?:semana|dia|agenda) (?:ta|esta) (?:uma loucura|corrid[oa]|puxad[oa])"),
        ),
        "other": (
            words(r"vou pensar", r"preciso pensar", r"pensar melhor", r"vou ver com",
                  r"(?:conversar|falar|ver) com (?:o |a )?(?:meu|minha) "
                  r"(?:marido|esposa|mae|pai|namorad[oa]|familia)",
                  r"nao sei se (?:vale|compensa|preciso|quero)", r"pesquisar mais",
                  r"nao confio"),
        ),
    },
    positive=(
        words(r"obrigad[oa]", "obg", "brigad[oa]", "perfeito", "otimo", "otima", "adorei",
              "amei", r"maravilh\w*", "excelente", "top", "um amor", "show", "feliz",
              "gostei", "confirmado", "confirmo", "beleza", "blz", r"incrive\w*", "parabens",
              "igualmente", "querida", "fofa"),
        "👍", "🙏", "😊", "🥰", "😍", "❤", "💙", "👏", "😁",
    ),
    negative=(
        words("triste", r"preocupad[oa]", "infelizmente", "dificil", "problema", "dor",
              "inflamad[oa]", "pena", r"chatead[oa]", "ruim"),
        "😔", "😢", "😞", "😕", "😩", "😬", "😭", "🤦",
    ),
    days={
        "monday": (words("segunda", "segunda-feira", "seg"),),
        "tuesday": (words("terca", "terca-feira"),),
        "wednesday": (words("quarta", "quarta-feira"),),
        "thursday": (words("quinta", "quinta-feira"),),
        "friday": (words("sexta", "sexta-feira"),),
        "saturday": (words("sabado", "sabados", "sab"),),
        "sunday": (words("domingo", "domingos"),),
    },
    times={
        "morning": (words(r"(?:de|pela|na|a) manha", "cedo", "cedinho"),),
        "afternoon": (words(r"(?:de|a|pela|na) tarde", "depois do almoco"),),
        "evening": (words(r"(?:de|a|pela|na) noite", "depois do trabalho"),),
    },
    confirmation=(words(r"confirm\w*", "lembrete", "responda", r"presenca"),),
)

ES = Lexicon(
    language="es",
    markers=frozenset("""
        hola usted ustedes gracias necesito quiero tengo puedo estoy turno cita manana buenas
        buenos muy cuanto cuesta tienen hoy el los las una un y pero perfecto muchas alli aca
        estare queda lejos mi si del al bien puede podria quisiera limpieza diente vacaciones
        rompio ir cancelar proxima semana senora nos hay
        """.split()) - frozenset({"ir", "cancelar", "semana"}),
    negators=frozenset({"no", "nunca", "ni"}),
    intents={
        "complaint": (
            words(r"queja\w*", r"reclam\w*", r"pesim[oa]", r"terrible", r"horrible",
                  "falta de respeto", r"nadie (?:me )?(?:responde|atiende|avisa)",
                  r"enojad[oa]", r"molest[oa]", r"decepcionad[oa]", "que demora",
                  "devuelvan", r"quiero (?:un |el |mi )?reembolso"),
        ),
        "reschedule": (
            words(r"reprogram\w*", r"reagend\w*",
                  r"cambiar (?:el|la|mi) (?:turno|cita|horario|dia)", r"mover (?:el|la|mi)",
                  "posponer", "pasar el turno"),
        ),
        "cancel": (words(r"cancel\w*", r"anular"),),
        "price_question": (
            words("precio", "precios", r"cuanto (?:cuesta|sale|cobran|es|vale)", "valor",
                  "cuotas", "presupuesto", r"aceptan"),
        ),
        "schedule": (
            words("agendar", "reservar", "sacar (?:un )?turno", r"turnos?", r"pedir (?:una )?cita",
                  "puedo ir", r"tienen (?:lugar|horario|disponibilidad)", "quiero una cita"),
        ),
    },
    cant_go=(r"\bno (?:voy a poder|puedo) (?:ir|asistir)\b",),
    another_day=(words(r"otro dia", r"otra fecha", r"la semana que viene", r"la proxima semana"),),
    confirms=(words(r"confirmad[oa]", "confirmo", "alli estare", "ahi estare"),),
    objections={
        "price": (words(r"car[oa]", "no me alcanza", "no tengo plata", "no tengo dinero",
                        "mas barato", "descuento", "en cuotas"),),
        "fear": (words("miedo", "me da miedo", r"nervios\w*", r"duele", "dolor", "anestesia",
                       "aguja"),),
        "distance": (words("lejos", r"no tengo como ir", r"mas cerca", "me mude", "trafico"),),
        "time": (words("no tengo tiempo", "sin tiempo", r"trabaj\w*", "viaje", "reunion"),),
        "other": (words("lo voy a pensar", "tengo que pensarlo",
                        r"hablar con mi (?:marido|esposo|esposa|familia)"),),
    },
    positive=(words("gracias", "perfecto", "genial", "excelente", "buenisimo", "encantada",
                    "encantado", "muy amable"),),
    negative=(words("lastima", "triste", "dolor", "mal"),),
    days={
        "monday": (words("lunes"),), "tuesday": (words("martes"),),
        "wednesday": (words("miercoles"),), "thursday": (words("jueves"),),
        "friday": (words("viernes"),), "saturday": (words("sabado", "sabados"),),
        "sunday": (words("domingo", "domingos"),),
    },
    times={
        "morning": (words(r"(?:por|a|de) la manana", "temprano"),),
        "afternoon": (words(r"(?:por|a|de) la tarde"),),
        "evening": (words(r"(?:por|a|de) la noche"),),
    },
    confirmation=(words(r"confirm\w*", "recordatorio", "responda"),),
)

EN = Lexicon(
    language="en",
    markers=frozenset("""
        hi hello hey the my i you your can could would please thanks thank appointment need
        next sorry is it and for on at this that with what how much book reschedule morning
        evening afternoon week tomorrow today dentist clinic home found another closer
        something came up work really get last time missed slot we im cancel honestly
        """.split()),
    negators=frozenset({"not", "dont", "don't", "never", "no"}),
    intents={
        "complaint": (
            words(r"complain\w*", "terrible", "awful", "unacceptable", "rude", "refund",
                  r"disappoint\w*", r"nobody (?:answers|replies|called)", "worst",
                  "ridiculous"),
        ),
        "reschedule": (
            words(r"reschedul\w*", "postpone", r"move (?:my|the) (?:appointment|visit)",
                  r"change (?:my|the) (?:appointment|time|date)", r"push (?:it|my)"),
        ),
        "cancel": (words(r"cancel\w*", "call off"),),
        "price_question": (
            words("price", "prices", "cost", "costs", "how much", "fee", "fees",
                  "payment plan", "insurance"),
        ),
        "schedule": (
            words("book", "booking", "schedule", "slot", "availability", "available",
                  "come in", "make an appointment"),
        ),
    },
    cant_go=(r"\b(?:can't|cant|couldn't|won't be able to) (?:make it|come)\b",),
    another_day=(words("another day", "another time", "next week", "a different day"),),
    confirms=(words(r"confirm(?:ed)?", "see you then", "i'll be there"),),
    objections={
        "price": (words("expensive", r"can'?t afford", "too much", "cheaper", "discount"),),
        "fear": (words("scared", "afraid", r"nervous", "anxious", "does it hurt", "fear",
                       "needles?", "pain"),),
        "distance": (words("far", "closer", "commute", "traffic", r"moved"),),
        "time": (words("at work", "came up", "busy", "no time", "conflict", "travel\\w*"),),
        "other": (words("think about it", r"talk to my (?:wife|husband|partner)",
                        "not sure"),),
    },
    positive=(words("thanks", "thank you", "great", "perfect", "love", "awesome", "amazing"),),
    negative=(words("sorry", "sad", "upset", "worried", "bad"),),
    days={day: (words(day, day[:3]),) for day in WEEKDAYS},
    times={
        "morning": (words("morning", "mornings", "early"),),
        "afternoon": (words("afternoon", "afternoons"),),
        "evening": (words("evening", "evenings", "night", "after work"),),
    },
    confirmation=(words(r"confirm\w*", "reminder", "reply"),),
)

LEXICONS: dict[str, Lexicon] = {lex.language: lex for lex in (PT, ES, EN)}
HOUR = re.compile(r"\b(\d{1,2})(?: ?h(?:s|rs|oras|\d\d)?\b|:\d\d\b| ?(am|pm)\b)")


@lru_cache(maxsize=None)
def compiled(patterns: tuple[str, ...]) -> re.Pattern:
    return re.compile("|".join(f"(?:{fold(p)})" for p in patterns))


def _union(languages: tuple[str, ...], pick) -> tuple[str, ...]:
    return tuple(p for lang in languages for p in pick(LEXICONS[lang]))


def pattern(pick, languages: tuple[str, ...] = LANGUAGES) -> re.Pattern:
    """One regex for the entries `pick(lexicon)` of the given languages."""
    return compiled(_union(languages, pick))


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    text: str


def negated(folded: str, start: int, negators: frozenset[str], window: int = 3) -> bool:
    """A negator among the `window` words before `start`, in the same clause."""
    before = re.split(r"[,.;:!?\n]", folded[:start])[-1]
    return any(word in negators for word in re.findall(r"[\w']+", before)[-window:])


def hits(regex: re.Pattern, folded: str, negators: frozenset[str] = frozenset(),
         window: int = 3) -> list[Hit]:
    """Matches of `regex` in an already folded text, dropping those negated (unless the match
    itself starts with a negator, as "não gostei" does)."""
    found = []
    for m in regex.finditer(folded):
        first = re.match(r"[\w']+", m.group(0))
        starts_negated = first is not None and first.group(0) in negators
        if negators and not starts_negated and negated(folded, m.start(), negators, window):
            continue
        found.append(Hit(m.start(), m.end(), m.group(0)))
    return found


def hours(folded: str) -> list[int]:
    """Clock hours mentioned ("9h", "18hs", "14:30", "6 pm"), 24-hour, within clinic hours."""
    found = []
    for m in HOUR.finditer(folded):
        hour = int(m.group(1)) + (12 if m.group(2) == "pm" and int(m.group(1)) < 12 else 0)
        if 6 <= hour <= 22:
            found.append(hour)
    return found


def time_of_day(hour: int) -> str:
    return "morning" if hour < 12 else "afternoon" if hour < 18 else "evening"
