"""The profile's header: name, identities, kind, the stage (a select that records the change),
the owner (a select of the clinic's active members, saved at once), tags edited in place, and
"Send message" with what WhatsApp's first message needs."""
from __future__ import annotations

import reflex as rx

from omni_app import paths
from omni_app.components.one_line import one_line
from omni_app.state.client_profile import ClientProfileState
from omni_app.state.client_rows import NOBODY
from omni_app.state.template_send import TemplateSendState
from omni_app.views.client_list import tag_badge
from omni_app.views.template_dialog import template_dialog

S = ClientProfileState
T = S.tr


def identity(icon: str, label_key: str, value, element_id: str) -> rx.Component:
    return rx.cond(value != "", rx.hstack(
        rx.icon(icon, size=14, flex_shrink="0", aria_label=T[label_key]),
        one_line(value, size="2", id=element_id), spacing="1", align="center", min_width="0"))


def stage_select() -> rx.Component:
    return rx.hstack(
        rx.text(T["client_profile.stage"], size="2", color_scheme="gray"),
        rx.select.root(
            rx.select.trigger(id="profile-stage", aria_label=T["client_profile.stage"]),
            rx.select.content(rx.foreach(S.stage_choices, lambda stage: rx.select.item(
                stage.name, value=stage.key))),
            value=S.stage, on_change=S.set_stage, size="2"),
        spacing="2", align="center")


def owner_select() -> rx.Component:
    return rx.hstack(
        rx.text(T["client_profile.owner"], size="2", color_scheme="gray"),
        rx.select.root(
            rx.select.trigger(id="profile-owner", aria_label=T["client_profile.owner"],
                              max_width="100%"),
            rx.select.content(
                rx.select.item(T["clients.field.nobody"], value=NOBODY),
                rx.foreach(S.owners, lambda owner: rx.select.item(owner.name, value=owner.id))),
            value=S.owner, on_change=S.set_owner, size="2"),
        spacing="2", align="center", min_width="0")


def tags_editor() -> rx.Component:
    shown = rx.flex(
        rx.cond(S.tags.length() > 0, rx.foreach(S.tags, tag_badge),
                rx.text(T["client_profile.tags.none"], size="2", color_scheme="gray")),
        rx.icon_button(rx.icon("pencil", size=14), size="1", variant="ghost",
                       on_click=S.edit_tags(True), id="profile-tags-edit",
                       aria_label=T["client_profile.tags.edit"],
                       title=T["client_profile.tags.edit"]),
        gap="6px", wrap="wrap", align="center", id="profile-tags", min_width="0")
    editing = rx.form(
        rx.flex(
            rx.input(name="tags", default_value=S.tags_text, id="profile-tags-input",
                     aria_label=T["client_profile.tags"], placeholder=T["client_profile.tags.hint"],
                     flex="1 1 200px", min_width="0", auto_focus=True),
            rx.button(T["client_profile.tags.save"], type="submit", id="profile-tags-save",
                      size="2"),
            rx.button(T["client_profile.tags.cancel"], type="button", variant="soft",
                      color_scheme="gray", size="2", on_click=S.edit_tags(False)),
            gap="8px", wrap="wrap", width="100%"),
        on_submit=S.save_tags, width="100%")
    return rx.cond(S.editing_tags, editing, shown)


def send_button() -> rx.Component:
    return rx.vstack(
        rx.button(rx.icon("send", size=16), T["client_profile.send"],
                  on_click=TemplateSendState.start,
                  id="profile-send", disabled=S.phone == ""),
        rx.text(rx.cond(S.phone == "", T["client_profile.send.no_phone"],
                        T["templates.send_hint"]),
                size="1", color_scheme="gray", id="profile-send-hint"),
        rx.cond(S.send_error != "", rx.callout(S.send_error, color_scheme="red", size="1",
                                               role="alert", id="profile-send-error")),
        template_dialog(),
        spacing="1", width="100%", max_width="520px")


def profile_header() -> rx.Component:
    return rx.vstack(
        rx.link(rx.hstack(rx.icon("arrow-left", size=14), T["client_profile.back"],
                          align="center", spacing="1"),
                href=paths.CLIENTS, size="2", id="profile-back"),
        rx.flex(
            # the page is about this person: the whole name, wrapped, never cut
            rx.heading(S.name, as_="h1", size="6", id="profile-name", overflow_wrap="anywhere",
                       min_width="0", max_width="100%", line_height="1.3"),
            rx.badge(S.kind_label, variant="soft", color_scheme="gray", id="profile-kind"),
            rx.badge(S.stage_shown.name, color_scheme=S.stage_shown.color, id="profile-stage-badge"),
            gap="8px", align="center", wrap="wrap", width="100%", min_width="0"),
        rx.flex(
            identity("phone", "client_profile.phone", S.phone, "profile-phone"),
            identity("message-circle", "client_profile.whatsapp", S.whatsapp,
                     "profile-whatsapp"),
            identity("camera", "client_profile.instagram", S.instagram, "profile-instagram"),
            identity("mail", "client_profile.email", S.email, "profile-email"),
            rx.cond((S.phone == "") & (S.instagram == "") & (S.whatsapp == ""),
                    rx.text(T["client_profile.no_identity"], size="2", color_scheme="gray")),
            gap="6px 16px", wrap="wrap", width="100%", min_width="0"),
        rx.flex(stage_select(), owner_select(), gap="8px 20px", wrap="wrap", align="center"),
        rx.cond(~S.erased, tags_editor()),
        rx.cond(S.message != "", rx.callout(S.message, color_scheme="green", size="1",
                                            id="profile-message", width="100%")),
        rx.cond(S.notice != "", rx.callout(S.notice, color_scheme="red", size="1", role="alert",
                                           id="profile-notice", width="100%")),
        rx.link(rx.button(rx.icon("calendar-plus", size=16), T["agenda.schedule"],
                          variant="soft"),
                href=paths.AGENDA + "?client=" + S.profile_id, id="profile-schedule"),
        rx.cond(~S.erased, send_button()),
        spacing="3", width="100%", min_width="0")
