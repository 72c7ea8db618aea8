"""Each team function's refusals keep their own meaning: PT409 is "self" only for a change of
one's own access; accepting an invitation while already in a clinic is a conflict, which the
onboarding page explains in the user's language."""
from __future__ import annotations

import uuid

import pytest

from omni_app.domain import team
from omni_app.domain.refusals import Refused
from omni_app.state.onboarding import OnboardingState
from tests.app.clinics import new_clinic
from tests.app.conftest import tab


async def test_accepting_while_in_a_clinic_is_a_conflict_not_a_change_of_own_access(app_env):
    clinic = await new_clinic()
    with pytest.raises(Refused) as refused:
        await team.accept(await clinic.user(), str(uuid.uuid4()))
    assert refused.value.reason == "conflict"
    with pytest.raises(Refused) as own:
        await team.change(await clinic.user(), clinic.user_id, role="staff")
    assert own.value.reason == "self"

    onboarding = tab(OnboardingState, clinic.cookie, "/onboarding")
    await onboarding.accept_invitation(str(uuid.uuid4()))
    assert onboarding.error == onboarding.tr["onboarding.error.conflict"]
