"""/team: members, invitations, roles and access (admins only)."""
from __future__ import annotations

import reflex as rx

from omni_app.components.confirm import confirm_button, confirm_content, confirmed, subject
from omni_app.components.one_line import one_line
from omni_app.state.team import InvitationRow, MemberRow, TeamState
from omni_app.views.shell import shell

T = TeamState.tr


def display_name(member: MemberRow):
    return rx.cond(member.full_name != "", member.full_name, member.email)


def confirm_change(member: MemberRow, trigger: rx.Component, kind: str, label_key: str,
                   on_confirm) -> rx.Component:
    """`kind` (disable, demote) names the dialog's texts and the ids of its buttons."""
    return confirmed(trigger, confirm_content(
        T[f"team.confirm.{kind}.title"],
        subject(display_name(member), member.email),
        rx.alert_dialog.description(T[f"team.confirm.{kind}.text"], size="2"),
        confirm=confirm_button(T[label_key], on_confirm, id=f"confirm-{kind}"),
        cancel_label=T["team.confirm.cancel"], id=f"confirm-{kind}-dialog"))


def member_actions(member: MemberRow) -> rx.Component:
    """Demoting an admin and disabling ask first; promoting and re-enabling do not."""
    return rx.hstack(
        rx.cond(member.role == "admin",
                confirm_change(member, rx.button(T["team.make_staff"], size="1", variant="soft",
                                                 class_name="member-demote"),
                               "demote", "team.make_staff",
                               TeamState.set_role(member.id, "staff")),
                rx.button(T["team.make_admin"], size="1", variant="soft",
                          on_click=TeamState.set_role(member.id, "admin"))),
        rx.cond(member.status == "disabled",
                rx.button(T["team.enable"], size="1", color_scheme="green",
                          on_click=TeamState.set_status(member.id, "active"),
                          class_name="member-enable"),
                confirm_change(member, rx.button(T["team.disable"], size="1", color_scheme="red",
                                                 variant="soft", class_name="member-disable"),
                               "disable", "team.disable",
                               TeamState.set_status(member.id, "disabled"))),
        spacing="2", wrap="wrap")


def member_row(member: MemberRow) -> rx.Component:
    """One member; a wrapping row rather than a table, so it fits a phone."""
    is_me = member.id == TeamState.user_id
    return rx.flex(
        rx.box(
            rx.hstack(one_line(display_name(member), weight="medium", class_name="member-name"),
                      rx.cond(is_me, rx.text("(", T["team.you"], ")", size="1",
                                             white_space="nowrap", flex_shrink="0")),
                      align="center", spacing="1", min_width="0"),
            one_line(member.email, size="1", color_scheme="gray", class_name="member-email"),
            flex="1 1 240px", min_width="0"),
        rx.hstack(rx.badge(T["role." + member.role]),
                  rx.badge(T["team.status." + member.status],
                           color_scheme=rx.cond(member.status == "active", "green", "gray")),
                  spacing="2"),
        rx.cond(is_me, rx.fragment(), member_actions(member)),
        gap="8px 16px", align="center", wrap="wrap", width="100%", padding="10px 0",
        border_bottom=f"1px solid {rx.color('gray', 4)}",
        id="member-" + member.email,
    )


def invite_form() -> rx.Component:
    return rx.card(rx.form(
        rx.flex(
            rx.input(name="full_name", placeholder=T["team.invite.name"], id="invite-name"),
            rx.input(name="email", type="email", placeholder=T["team.invite.email"],
                     required=True, id="invite-email"),
            rx.select.root(rx.select.trigger(id="invite-role", aria_label=T["team.invite.role"]),
                           rx.select.content(rx.select.item(T["role.staff"], value="staff"),
                                             rx.select.item(T["role.admin"], value="admin")),
                           name="role", default_value="staff"),
            rx.button(T["team.invite.submit"], type="submit", id="invite-submit"),
            gap="8px", wrap="wrap", align="center"),
        on_submit=TeamState.invite, reset_on_submit=True,
    ), width="100%")


def invitation_result() -> rx.Component:
    """The same answer whether or not the address already had an account."""
    return rx.callout(
        rx.vstack(
            rx.text(TeamState.message, weight="bold"),
            rx.text(T["team.invite.password_note"], size="2"),
            rx.hstack(rx.code(TeamState.invited_password, id="invited-password", size="3"),
                      rx.button(T["team.invite.hide"], size="1", variant="soft",
                                on_click=TeamState.hide_password, id="hide-password"),
                      align="center", wrap="wrap"),
            spacing="2"),
        color_scheme="green", id="team-message", margin_top="8px", width="100%")


def invitation_row(invitation: InvitationRow) -> rx.Component:
    """One pending invitation; a wrapping row rather than a table, so it fits a phone."""
    return rx.flex(
        one_line(invitation.email, weight="medium", flex="1 1 220px"),
        rx.badge(T["role." + invitation.role]),
        rx.text(T["team.invitation.expires"], " ", invitation.expires_at, size="1",
                color_scheme="gray", white_space="nowrap"),
        confirmed(rx.button(T["team.invitation.revoke"], size="1", variant="soft",
                            color_scheme="red", class_name="invitation-revoke"),
                  confirm_content(
                      T["team.confirm.revoke.title"], subject(invitation.email),
                      rx.alert_dialog.description(T["team.confirm.revoke.text"], size="2"),
                      confirm=confirm_button(T["team.invitation.revoke"],
                                             TeamState.revoke_invitation(invitation.id),
                                             id="confirm-revoke"),
                      cancel_label=T["team.confirm.cancel"], id="confirm-revoke-dialog")),
        gap="8px 12px", align="center", wrap="wrap", width="100%", padding="10px 0",
        border_bottom=f"1px solid {rx.color('gray', 4)}",
        id="invitation-" + invitation.email,
    )


def invitations_list() -> rx.Component:
    return rx.cond(TeamState.invitations.length() > 0, rx.vstack(
        rx.heading(T["team.invitations"], size="3", margin_top="16px"),
        rx.foreach(TeamState.invitations, invitation_row),
        width="100%", spacing="0"))


def team_page() -> rx.Component:
    return shell(
        rx.heading(T["team.title"], size="6", margin_bottom="12px"),
        rx.heading(T["team.invite"], size="3", margin_bottom="6px"),
        invite_form(),
        rx.cond(TeamState.invited_password != "", invitation_result(),
                rx.cond(TeamState.message != "",
                        rx.callout(rx.vstack(
                            rx.text(TeamState.message, weight="bold",
                                    overflow_wrap="anywhere"),
                            rx.cond(TeamState.invited_by_mail,
                                    rx.text(T["team.invite.mailed_note"], size="2")),
                            spacing="1"),
                            color_scheme="green", id="team-message", margin_top="8px",
                            width="100%"))),
        rx.cond(TeamState.error != "",
                rx.callout(TeamState.error, color_scheme="red", role="alert", id="team-error",
                           margin_top="8px")),
        rx.heading(T["team.members"], size="3", margin_top="16px"),
        rx.vstack(rx.foreach(TeamState.members, member_row), width="100%", spacing="0",
                  id="team-members"),
        invitations_list(),
    )
