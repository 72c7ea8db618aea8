"""/settings/analyst and the composer's suggested reply with a real PostgreSQL, real RLS and a
real (fake) OpenAI server on loopback: an admin saves the analyst's settings (audited) and reads
them back; each bad value is refused in words; staff reach neither the page nor the log; the
run log lists this clinic's snapshots and reply drafts only; a suggested reply is the LLM's text
with its tokens logged, or the rules' draft with the LLM's error when it fails."""
from __future__ import annotations

from contextlib import contextmanager
from datetime import timedelta

import pytest

from harness.fake_openai import REPLY, TOKENS_IN, TOKENS_OUT, FakeOpenAI
from omni_app import services
from omni_app.domain import clock, conversations
from omni_app.domain.analyst import analyzers, clinic_config, replies, run_log, runs
from omni_app.domain.analyst.base import Draft
from omni_app.domain.refusals import Refused
from omni_app.state.analyst_settings import AnalystSettingsState
from omni_app.state.reply_suggestion import ReplySuggestionState, Suggested, fetch_suggestion
from tests.app.clinics import inbound, new_clinic
from tests.app.conftest import service_client, tab
from tests.app.inbox_tabs import tab_token
from tests.app.test_clinic_settings import staff_of
from tests.app.test_states import redirect_target

PAGE = "/settings/analyst"
FORM = {"model": "gpt-4.1-mini", "budget": "150.000", "instructions": "Seja breve e cordial."}


async def opened(cookie: str) -> AnalystSettingsState:
    page = tab(AnalystSettingsState, cookie, PAGE)
    assert await page.open_settings() is None and page.error == ""
    return page


async def analyst_audit(company_id: str) -> list[dict]:
    return (await (await service_client()).table("audit_log").select("action, details")
            .eq("company_id", company_id).eq("action", "analyst.settings_saved")
            .order("at").execute()).data


@contextmanager
def llm_at(fake: FakeOpenAI):
    """The process's analysts with an LLM behind the fake server (as OPENAI_API_KEY would)."""
    current = services.current()
    kept = current.analysts
    current.analysts = analyzers.build(api_key="test", base_url=fake.base_url, retries=0,
                                       timeout_s=2)
    try:
        yield
    finally:
        current.analysts = kept


async def a_conversation(clinic, text: str = "Oi, posso remarcar para sexta?",
                         name: str = "Rita Souza") -> tuple[str, str]:
    """(conversation id, client id) of a patient's message to `clinic`."""
    conversation_id = (await inbound(clinic.company_id, text, name=name))["conversation_id"]
    thread = await conversations.conversation(await clinic.user(), conversation_id)
    return conversation_id, thread["client_id"]


async def test_an_admin_saves_the_analyst_settings_and_reads_them_back(app_env):
    mine = await new_clinic()
    page = await opened(mine.cookie)
    assert (page.analyzer, page.model, page.budget, page.instructions) == \
        ("auto", "", "300.000", "")
    assert not page.has_key and page.default_model == services.current().settings.openai_model
    assert page.model_hint == f"Vazio: o padrão do servidor ({page.default_model})."
    assert page.spend.label == "0 de 300.000 tokens usados este mês (0%)"
    assert not page.spend.paused and page.runs == []

    page.set_analyzer("heuristic")
    page.set_instructions(FORM["instructions"])
    assert page.instructions_count == "21/1.000"
    assert await page.save(FORM) is None
    assert page.error == "" and page.message == "Configurações do analista salvas."

    again = await opened(mine.cookie)
    assert (again.analyzer, again.model, again.budget, again.instructions) == \
        ("heuristic", "gpt-4.1-mini", "150.000", "Seja breve e cordial.")
    config = await clinic_config.load(await mine.user(), mine.company_id)
    assert (config.monthly_tokens, config.model) == (150_000, "gpt-4.1-mini")
    [entry] = await analyst_audit(mine.company_id)
    assert entry["details"] == {"analyzer": "heuristic", "model": "gpt-4.1-mini",
                                "monthly_tokens": 150000, "instructions_chars": 21}

    # an English reader types the budget their way; an empty model is the server's default
    await again.set_language("en")
    assert await again.save({"model": "  ", "budget": "2,500", "instructions": ""}) is None
    config = await clinic_config.load(await mine.user(), mine.company_id)
    assert (config.monthly_tokens, config.model, config.instructions) == (2500, None, None)
    assert again.budget == "2,500" and again.message == "Analyst settings saved."


@pytest.mark.parametrize("change, reason, text", [
    ({"model": "modelo com espaço"}, "model", "Nome de modelo inválido"),
    ({"budget": "muitos"}, "budget", "Informe um número inteiro"),
    ({"budget": "1,5"}, "budget", "Informe um número inteiro"),
    ({"budget": "200.000.000"}, "budget", "Informe um número inteiro"),
    ({"instructions": "x" * 1001}, "instructions_too_long", "passam de 1.000"),
])
async def test_each_bad_value_is_refused_in_words_and_nothing_is_saved(app_env, change, reason,
                                                                       text):
    mine = await new_clinic()
    page = await opened(mine.cookie)
    assert await page.save({**FORM, **change}) is None
    assert text in page.error and page.message == ""
    assert await analyst_audit(mine.company_id) == []
    # the database says the same to any other caller
    arguments = {"analyzer": "auto", "model": None, "monthly_tokens": 1000,
                 "instructions": None}
    arguments.update({"model": change["model"]} if reason == "model" else
                     {"monthly_tokens": -1} if reason == "budget" else
                     {"instructions": change["instructions"]})
    with pytest.raises(Refused) as refused:
        await clinic_config.save(await mine.user(), **arguments)
    assert refused.value.reason == reason


async def test_an_unknown_analyzer_is_refused(app_env):
    mine = await new_clinic()
    page = await opened(mine.cookie)
    page.analyzer = "oraculo"          # set_analyzer never lets it through; the database too
    assert await page.save(FORM) is None
    assert page.error == "Escolha um analisador da lista."
    page.set_analyzer("oraculo")
    assert page.analyzer == "auto"


async def test_staff_reach_neither_the_page_nor_the_settings_nor_the_log(app_env):
    mine = await new_clinic()
    staff, cookie = await staff_of(mine)
    page = tab(AnalystSettingsState, cookie, PAGE)
    assert redirect_target(await page.require_admin()) == "/?notice=admin_only"
    assert redirect_target(await page.open_settings()) == "/?notice=admin_only"
    assert redirect_target(await page.save(FORM)) == "/?notice=admin_only"
    for attempt in (clinic_config.save(staff, "llm", None, 1, None), run_log.recent(staff)):
        with pytest.raises(Refused) as refused:
            await attempt
        assert refused.value.reason == "forbidden"
    assert await analyst_audit(mine.company_id) == []


async def test_the_run_log_lists_this_clinics_snapshots_and_drafts_newest_first(app_env):
    mine, other = await new_clinic(), await new_clinic()
    _, client = await a_conversation(mine)
    _, theirs = await a_conversation(other, name="Outra Pessoa")
    analysts = services.current().analysts
    user = await mine.user()
    await runs.snapshot(user, analysts, mine.company_id, client, trigger="manual",
                        now=clock.now() - timedelta(minutes=1), requested_by=mine.user_id)
    draft = await replies.suggest(user, analysts, mine.company_id, client, now=clock.now(),
                                  requested_by=mine.user_id)
    assert draft.analyzer == "heuristic"
    await runs.snapshot(await other.user(), analysts, other.company_id, theirs,
                        trigger="manual", now=clock.now())

    page = await opened(mine.cookie)
    assert [(row.kind, row.kind_label, row.client_name, row.trigger, row.analyzer)
            for row in page.runs] == [
        ("reply", "Resposta", "Rita Souza", "Pedido", "Regras (heurística)"),
        ("analysis", "Análise", "Rita Souza", "Pedido", "Regras (heurística)")]
    assert {row.client_href for row in page.runs} == {f"/clients/{client}"}
    assert page.runs[0].tokens == "0 → 0 tokens" and page.runs[0].cost == "US$\xa00,00"
    assert page.runs[0].error == "" and page.runs[0].model == "omni-rules-1"
    assert [run.client_id for run in await run_log.recent(await other.user())] == [theirs]


async def suggested(server, clinic, conversation_id: str) -> ReplySuggestionState:
    """What the button's background handler does, step by step (its lock blocks need a running
    app): the request under the tab's lock, the draft outside it, the answer shown."""
    token = tab_token()
    path = f"/inbox/{conversation_id}"
    async with server.event(token, clinic.cookie, path) as inbox:
        await inbox.open_inbox()
        assert inbox.selected_id == conversation_id
    async with server.event_of(ReplySuggestionState, token, path=path) as state:
        state.set_composer_mode("note")
        request = state._suggest_request()
        assert state.suggesting and state._suggest_request() is None   # one at a time
    fetched = await fetch_suggestion(request)
    async with server.event_of(ReplySuggestionState, token, path=path) as state:
        assert state._show_suggestion(fetched) is None
        assert not state.suggesting
        return state


async def reply_runs(company_id: str) -> list[dict]:
    return (await (await service_client()).table("ai_reply_runs")
            .select("analyzer, model, tokens_in, tokens_out, error, requested_by")
            .eq("company_id", company_id).execute()).data


async def test_a_suggested_reply_is_the_llms_text_with_its_tokens_logged(server, app_env):
    mine = await new_clinic()
    conversation_id, _ = await a_conversation(mine)
    before = await (await service_client()).table("interactions").select("id") \
        .eq("company_id", mine.company_id).execute()
    with FakeOpenAI() as fake, llm_at(fake):
        state = await suggested(server, mine, conversation_id)
    assert state.suggested_text == REPLY and state.suggestion_seq == 1
    assert state.suggestion_for == conversation_id and state.composer_mode == "reply"
    assert state.suggestion_note == "Rascunho da IA (gpt-4o-mini). Revise antes de enviar."
    assert not state.suggestion_failed
    assert await reply_runs(mine.company_id) == [
        {"analyzer": "llm", "model": "gpt-4o-mini", "tokens_in": TOKENS_IN,
         "tokens_out": TOKENS_OUT, "error": None, "requested_by": mine.user_id}]
    # nothing was sent: the conversation holds the patient's message only
    after = await (await service_client()).table("interactions").select("id") \
        .eq("company_id", mine.company_id).execute()
    assert after.data == before.data

    page = await opened(mine.cookie)
    assert page.runs[0].analyzer == "IA" and page.runs[0].llm
    assert page.runs[0].tokens == "812 → 143 tokens"
    assert page.spend.label == "955 de 300.000 tokens usados este mês (0%)"


@pytest.mark.parametrize("behaviour, code, words", [
    ("429", "rate_limited", "limite de uso do provedor"),
    ("timeout", "timeout", "tempo esgotado"),
])
async def test_a_failing_llm_leaves_the_rules_draft_and_logs_its_error(server, app_env,
                                                                       behaviour, code, words):
    mine = await new_clinic()
    conversation_id, _ = await a_conversation(mine, name="Bruna Lima")
    with FakeOpenAI(default=behaviour, hang_s=3) as fake, llm_at(fake):
        state = await suggested(server, mine, conversation_id)
    # the rules' own draft (whatever the rules write), never the LLM's
    assert state.suggested_text.strip() and state.suggested_text != REPLY
    assert state.suggestion_seq == 1 and not state.suggestion_failed
    assert state.suggestion_note == \
        f"Rascunho das regras: a IA falhou ({words}). Revise antes de enviar."
    [logged] = await reply_runs(mine.company_id)
    assert (logged["analyzer"], logged["error"]) == ("heuristic", code)

    page = await opened(mine.cookie)
    assert page.runs[0].error == f"Erro: {words}"


async def test_a_suggestion_for_a_conversation_of_another_clinic_finds_nothing(server,
                                                                              app_env):
    mine, other = await new_clinic(), await new_clinic()
    theirs, _ = await a_conversation(other)
    await a_conversation(mine)
    state = tab(ReplySuggestionState, mine.cookie, "/inbox")
    await state._load_profile()
    state.selected_id = theirs        # as if the tab had been pointed at it
    fetched = await fetch_suggestion(state._suggest_request())
    state._show_suggestion(fetched)
    assert state.suggestion_failed and state.suggested_text == ""
    assert state.suggestion_note == "Esta conversa não existe mais."
    assert await reply_runs(other.company_id) == [] and await reply_runs(mine.company_id) == []


async def test_a_draft_without_text_says_why_and_leaves_the_composer_alone(app_env):
    state = tab(ReplySuggestionState, None, "/inbox/x")
    state.selected_id, state.company_id = "x", "c"
    request = state._suggest_request()
    for error, words in (("timeout", "tempo esgotado"), (None, "o analisador não escreveu nada")):
        state.suggesting = True
        state._show_suggestion(Suggested(request, Draft("llm", "gpt-4o-mini", None,
                                                        error=error)))
        assert state.suggestion_note == f"Não foi possível sugerir uma resposta: {words}."
        assert state.suggestion_failed and not state.suggesting
        assert (state.suggested_text, state.suggestion_seq) == ("", 0)
    # signed out meanwhile: to the sign-in page, back here afterwards
    assert redirect_target(state._show_suggestion(Suggested(request, signed_out=True))) == \
        "/login?next=%2Finbox%2Fx"
