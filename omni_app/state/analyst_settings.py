"""/settings/analyst (admins): which analyzer, which model, the monthly token budget and what
was spent of it, the clinic's own instructions, and the log of recent runs."""
from __future__ import annotations

import reflex as rx

from omni_app import services
from omni_app.domain.analyst import clinic_config, run_log
from omni_app.domain.refusals import Refused
from omni_app.i18n import formatting as fmt
from omni_app.state.analyst_rows import RunRow, Spend, budget_of, run_row, spend
from omni_app.state.session import SessionState

ANALYZERS = ("auto", "llm", "heuristic")
MAX_INSTRUCTIONS = 1000     # as the database checks it


class AnalystSettingsState(SessionState):
    analyzer: str = "auto"
    model: str = ""
    budget: str = ""              # as the reader writes numbers
    instructions: str = ""
    spend: Spend = Spend()
    has_key: bool = False
    default_model: str = ""
    runs: list[RunRow] = []
    form_key: int = 0             # the form starts afresh from what was read
    message: str = ""
    error: str = ""

    @rx.var
    def instructions_count(self) -> str:
        return f"{fmt.number(len(self.instructions), self.locale)}/" \
               f"{fmt.number(MAX_INSTRUCTIONS, self.locale)}"

    @rx.var
    def model_hint(self) -> str:
        return self.tr["analyst_settings.model_hint"].format(model=self.default_model)

    async def _read(self, user, actor) -> None:
        config = await clinic_config.load(user, actor.company_id)
        self.analyzer, self.model = config.analyzer, config.model or ""
        self.budget = fmt.number(config.monthly_tokens, self.locale)
        self.instructions = config.instructions or ""
        self.spend = spend(self.tr, self.locale, config.spent, config.monthly_tokens)
        self.runs = [run_row(run, self.tr, self.locale, self.timezone)
                     for run in await run_log.recent(user)]
        current = services.current()
        self.has_key = current.analysts.llm is not None
        self.default_model = current.settings.openai_model
        self.form_key += 1

    @rx.event
    async def open_settings(self):
        self.message = ""
        return (await self._guarded(self._read, who="admin", errors="analyst_settings.error",
                                    shows="error")).answer

    @rx.event
    def set_analyzer(self, value: str):
        self.analyzer = value if value in ANALYZERS else "auto"

    @rx.event
    def set_instructions(self, value: str):
        self.instructions = str(value)[:MAX_INSTRUCTIONS * 2]

    @rx.event
    async def save(self, form: dict):
        self.message = ""
        model = str(form.get("model") or "").strip() or None
        instructions = str(form.get("instructions") or "")

        async def save(user, actor):
            budget = budget_of(str(form.get("budget") or ""), self.locale)
            if budget is None:
                raise Refused("budget")
            await clinic_config.save(user, self.analyzer, model, budget, instructions)
            await self._read(user, actor)
        done = await self._guarded(save, who="admin", errors="analyst_settings.error",
                                   shows="error")
        if done.done:
            self.message = self.tr["analyst_settings.saved"]
        return done.answer
