"""Names for controls that show no text of their own (screen readers read them)."""

MESSAGES = {
    "pt-BR": {"team.invite.role": "Papel do novo membro"},
    "en": {"team.invite.role": "The new member's role"},
    "es": {"team.invite.role": "Rol del nuevo miembro"},
}
