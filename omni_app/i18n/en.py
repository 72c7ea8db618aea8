MESSAGES = {
    "app.tagline": "One inbox for your clinic",
    "login.title": "Sign in to Omni",
    "login.email": "Email",
    "login.password": "Password",
    "login.submit": "Sign in",
    "login.error.invalid_credentials": "Wrong email or password.",
    "login.error.locked": "This account is locked. Ask your clinic's admin.",
    "login.error.disabled": "Your access has been disabled. Ask your clinic's admin.",
    "login.error.rate_limited": "Too many attempts. Wait a few minutes and try again.",
    "login.error.not_confirmed": "Confirm your email before signing in.",
    "login.error.unavailable": "Signing in is not possible right now. Try again shortly.",
    "login.reason.disabled": "Your account was disabled by an administrator.",
    "nav.home": "Home",
    "nav.team": "Team",
    "nav.logout": "Sign out",
    "nav.theme": "Toggle theme",
    "nav.language": "Language",
    "role.admin": "Admin",
    "role.staff": "Staff",
    "home.notice.admin_only": "Only the clinic's admins can open that page.",
    "home.title": "Home",
    "home.open_conversations": "Open conversations",
    "home.unread_messages": "Unread messages",
    "home.appointments_today": "Appointments today",
    "home.open_leads": "Open leads",
    "home.revenue_this_month": "Revenue this month",
    "onboarding.title": "Create your clinic",
    "onboarding.intro": "You are not part of a clinic yet. Create yours to start; then invite your"
                        " team.",
    "onboarding.name": "Clinic name",
    "onboarding.timezone": "Time zone",
    "onboarding.submit": "Create clinic",
    "onboarding.error.name": "Enter the clinic's name.",
    "onboarding.error.failed": "The clinic could not be created. Try again shortly.",
    "team.title": "Team",
    "team.members": "Members",
    "team.confirm.cancel": "Go back",
    "team.confirm.disable.title": "Disable access?",
    "team.confirm.disable.text": "This person is signed out of Omni on every device right away "
                                 "and cannot sign in until re-enabled.",
    "team.confirm.demote.title": "Remove admin access?",
    "team.confirm.demote.text": "This person will no longer manage the team and integrations, and "
                                "the API keys they created are revoked.",
    "team.confirm.revoke.title": "Cancel the invitation?",
    "team.confirm.revoke.text": "This invitation can no longer be accepted. You can invite again "
                                "later.",
    "team.status.active": "Active",
    "team.status.invited": "Invited",
    "team.status.disabled": "Disabled",
    "team.invite": "Invite a member",
    "team.invite.name": "Full name",
    "team.invite.email": "Email",
    "team.invite.submit": "Invite",
    "team.error.email": "Enter a valid email.",
    "team.disable": "Disable",
    "team.enable": "Re-enable",
    "team.make_admin": "Make admin",
    "team.make_staff": "Make staff",
    "team.error.self": "You cannot change your own access.",
    "team.error.failed": "It could not be saved. Try again shortly.",
    "team.you": "you",
    "integrations.nav": "Integrations",
    "integrations.title": "Integrations",
    "integrations.intro": "Connect each channel's n8n workflow. Secrets are stored encrypted and "
                          "shown only masked.",
    "integrations.status": "Receiving messages",
    "integrations.status.active": "Active",
    "integrations.status.inactive": "Inactive",
    "integrations.not_configured": "Not set up yet: generate a signing secret to get this "
                                   "channel's webhook URL.",
    "integrations.webhook_url": "Webhook URL (n8n posts incoming messages here)",
    "integrations.outbound_url": "n8n outbound URL (Omni posts replies here)",
    "integrations.save": "Save",
    "integrations.saved": "Saved.",
    "integrations.last_used": "Last message received",
    "integrations.never": "Never",
    "integrations.not_set": "Not set",
    "integrations.clear": "Remove",
    "integrations.secret.title": "Signing secret",
    "integrations.secret.generate": "Generate signing secret",
    "integrations.secret.rotate": "Rotate signing secret",
    "integrations.secret.rotated": "New signing secret generated. Copy it now: it will not be "
                                   "shown again.",
    "integrations.secret.hide": "I have copied it",
    "integrations.secret.grace": "The previous secret keeps working until {until}.",
    "integrations.secret.unreadable": "The stored secrets cannot be decrypted (was OMNI_MASTER_KEY"
                                      " changed?). Set them again.",
    "integrations.meta.title": "Meta (direct delivery)",
    "integrations.meta.app_secret": "Meta app secret",
    "integrations.meta.verify_token": "Meta verify token",
    "integrations.meta.keep": "Leave empty to keep the current value",
    "integrations.credentials.title": "Provider credentials",
    "integrations.credentials.hint": "Values your n8n workflow needs, stored encrypted and shown "
                                     "masked.",
    "integrations.credentials.name": "Name",
    "integrations.credentials.value": "Value",
    "integrations.credentials.save": "Save credential",
    "integrations.recipe.title": "n8n recipe",
    "integrations.recipe.code": "1. A Code node (JavaScript) right before the HTTP Request signs "
                                "the exact string it will send. n8n must allow it to use crypto "
                                "(NODE_FUNCTION_ALLOW_BUILTIN=crypto).",
    "integrations.recipe.http": "2. An HTTP Request node sends that very string as the JSON body "
                                "(Body Content Type: Raw, application/json), with these headers. "
                                "Do not let n8n rebuild the JSON from fields: a re-serialized body"
                                " no longer matches the signature.",
    "integrations.recipe.retry": "If sending fails, run the Code node again before resending: a "
                                 "status report is accepted once per signature; messages may be "
                                 "sent again as they are.",
    "integrations.recipe.download": "Or download ready-made workflows and import them in n8n "
                                    "(Workflows → Import from file). The secret is not in the "
                                    "file: set the environment variable named in the workflow's "
                                    "note.",
    "integrations.recipe.download.inbound": "Inbound workflow (messages → Omni)",
    "integrations.recipe.download.outbound": "Outbound workflow (Omni's replies → provider)",
    "integrations.recipe.reply": "3. Replies: Omni posts each reply to the n8n outbound URL, "
                                 "signed the same way, with an Idempotency-Key (the reply's id, "
                                 "the same on every retry: use it to never send a reply twice).",
    "integrations.recipe.verify": "4. A Code node right after the Webhook node (with its Raw Body "
                                  "option on) checks the signature over the exact body and the "
                                  "time (within 5 minutes).",
    "integrations.recipe.status": "5. Once sent, report the status to callback_url, signed like a "
                                  "message (with a Code node like step 1's). Statuses only move "
                                  "forward: sent, delivered, read; or failed with the error. "
                                  "Answer Omni with a 2xx only when the provider accepted the "
                                  "reply.",
    "integrations.n8n.name.inbound": "Omni — {channel}: incoming messages",
    "integrations.n8n.name.outbound": "Omni — {channel}: outgoing replies",
    "integrations.n8n.note.inbound": "## Omni — {channel}: incoming messages\n1. Point your "
                                     "provider's webhook at the \"Provider message\" node "
                                     "(production URL).\n2. In n8n's environment set {variable} to "
                                     "the signing secret shown once on Omni's integrations page, "
                                     "plus N8N_BLOCK_ENV_ACCESS_IN_NODE=false and "
                                     "NODE_FUNCTION_ALLOW_BUILTIN=crypto.\n3. Activate the "
                                     "workflow.",
    "integrations.n8n.note.outbound": "## Omni — {channel}: outgoing replies\n1. Copy the "
                                      "production URL of the \"Reply from Omni\" node into Omni's "
                                      "\"n8n outbound URL\" field.\n2. In n8n's environment set "
                                      "{variable} (the same secret as the inbound workflow), "
                                      "N8N_BLOCK_ENV_ACCESS_IN_NODE=false and "
                                      "NODE_FUNCTION_ALLOW_BUILTIN=crypto.\n3. Replace the URL and "
                                      "body of \"Send to provider\" with your provider's API (keys "
                                      "in n8n's credentials).\n4. Activate the workflow.",
    "integrations.n8n.js.sign": "Signs the message for Omni: HMAC-SHA256 of \"<timestamp>.<body>\" "
                                "with the channel's signing secret.",
    "integrations.n8n.js.secret": "The secret comes from n8n's environment ({variable}); never "
                                  "paste it into a workflow you share.\nn8n needs "
                                  "N8N_BLOCK_ENV_ACCESS_IN_NODE=false and "
                                  "NODE_FUNCTION_ALLOW_BUILTIN=crypto.",
    "integrations.n8n.js.secret_missing": "The variable {variable} is not set in n8n's environment.",
    "integrations.n8n.js.body": "The exact text the next node sends: do not let n8n rebuild the "
                                "JSON, or the signature no longer matches.",
    "integrations.n8n.js.verify": "Checks that the request came from Omni: the signature over the "
                                  "exact body (the Webhook node's Raw Body option) and a time "
                                  "within 5 minutes.",
    "integrations.n8n.js.raw_missing": "Turn on the Webhook node's Raw Body option.",
    "integrations.n8n.js.idempotency": "Idempotency-Key is the reply's id and repeats when Omni "
                                       "retries: use it to never send the same reply twice.",
    "integrations.n8n.js.status": "Tells Omni what happened to the reply (sent or failed) at "
                                  "callback_url, signed like every call to Omni.",
    "integrations.n8n.js.external_id": "The provider's id of the message: adjust to your "
                                       "provider's answer (WhatsApp Cloud API: messages[0].id).",
    "integrations.copy": "Copy",
    "integrations.error.channel": "Unknown channel.",
    "integrations.error.url": "Enter a valid http:// or https:// URL, without user or password.",
    "integrations.error.name": "Use letters, digits, dots, dashes or underscores (up to 64).",
    "integrations.error.value": "Enter a value (up to 4096 characters).",
    "integrations.error.forbidden": "Only the clinic's admins can change integrations.",
    "integrations.error.conflict": "Someone changed this integration at the same time. Try again.",
    "inbox.nav": "Inbox",
    "inbox.search": "Search by name or phone",
    "inbox.search.label": "Search",
    "inbox.search.names": "Contacts",
    "inbox.search.messages": "Messages",
    "inbox.search.messages_hint": "Search message text",
    "inbox.search.type_words": "Type words to search the messages.",
    "inbox.search.no_hits": "No messages found.",
    "inbox.total.one": "{count} conversation",
    "inbox.total.other": "{count} conversations",
    "inbox.load_more": "Load more",
    "inbox.back": "Back to conversations",
    "inbox.filter.channel": "Channel",
    "inbox.filter.all_channels": "All channels",
    "inbox.filter.status": "Status",
    "inbox.filter.open": "Open",
    "inbox.filter.closed": "Closed",
    "inbox.filter.all": "All",
    "inbox.filter.unread": "Unread only",
    "inbox.empty": "No conversations.",
    "inbox.pick": "Choose a conversation.",
    "inbox.you": "You",
    "inbox.closed": "Closed",
    "inbox.close": "Close",
    "inbox.reopen": "Reopen",
    "inbox.closed_hint": "This conversation is closed. Reopen it to reply.",
    "inbox.load_older": "Load older messages",
    "inbox.composer": "Write a reply (Enter sends, Shift+Enter starts a new line)",
    "inbox.send": "Send",
    "inbox.window_warning": "More than 24 hours have passed since the client's last message: "
                            "WhatsApp may refuse a free-form reply (use an approved template).",
    "inbox.retry": "Retry",
    "inbox.failure.n8n_status": "n8n refused it ({status}).",
    "inbox.failure.n8n_status_retried": "n8n refused it ({status}) after {attempts} attempts.",
    "inbox.failure.n8n_timeout_retried": "n8n did not answer in time after {attempts} attempts.",
    "inbox.failure.n8n_unreachable_retried": "Could not reach n8n after {attempts} attempts.",
    "inbox.failure.url_not_allowed": "The clinic's n8n address is not allowed; an admin needs to fix it in Integrations.",
    "inbox.failure.no_integration": "There is no active {channel} integration; an admin needs to set it up in Integrations.",
    "inbox.failure.no_outbound_url": "The {channel} integration has no n8n outbound address.",
    "inbox.failure.no_signing_secret": "The {channel} integration has no signing secret.",
    "inbox.failure.secrets_sealed": "The integration's secrets could not be opened (the server's master key).",
    "inbox.failure.could_not_run": "The delivery could not run.",
    "inbox.failure.provider": "Sending failed.",
    "inbox.failure.details": "Details",
    "inbox.failed_marker": "Reply not sent",
    "inbox.status.received": "Received",
    "inbox.status.queued": "Queued",
    "inbox.status.sent": "Sent",
    "inbox.status.delivered": "Delivered",
    "inbox.status.read": "Read",
    "inbox.status.failed": "Failed",
    "inbox.age.now": "now",
    "inbox.media.file": "Attachment ({type})",
    "inbox.media.unavailable": "{what}: not available here",
    "inbox.unsupported": "Unsupported message type",
    "inbox.error.not_found": "Conversation not found.",
    "inbox.error.conflict": "This client already has another open conversation on this channel.",
    "inbox.error.empty": "Write a message.",
    "inbox.error.too_long": "Message too long for this channel.",
    "inbox.error.too_long_limit": "The message is over {channel}'s limit of {limit} characters. Shorten it or split it into several messages.",
    "inbox.composer.label": "Reply",
    "inbox.composer.mode_reply": "Reply",
    "inbox.composer.mode_note": "Internal note",
    "inbox.composer.note_placeholder": "A note for the team: the client never sees it and nothing is sent",
    "inbox.note.add": "Save note",
    "inbox.note.label": "Internal note",
    "inbox.quote": "Reply quoting this message",
    "inbox.quote.client": "Client",
    "inbox.quote.replying": "Replying to",
    "inbox.quote.cancel": "Don't quote",
    "inbox.error.bad_quote": "The quoted message is not in this conversation.",
    "inbox.error.note_too_long": "The note is over the limit of {limit} characters.",
    "inbox.error.closed": "The conversation is closed: reopen it to reply.",
    "inbox.error.not_failed": "Only failed messages can be sent again.",
    "api_keys.last_used": "Last used",
    "api_keys.title": "API keys",
    "api_keys.intro": "For automations (n8n's AI agent, other tools) calling Omni's API. A key "
                      "acts as the admin who created it.",
    "api_keys.docs": "API documentation",
    "api_keys.name": "Name",
    "api_keys.prefix": "Key",
    "api_keys.created_at": "Created",
    "api_keys.create": "Create key",
    "api_keys.created": "Copy this key now: it will not be shown again.",
    "api_keys.revoke": "Revoke",
    "api_keys.revoked": "Key revoked.",
    "api_keys.revoked_badge": "Revoked",
    "api_keys.error.empty_name": "Give the key a name.",
    "api_keys.error.name_too_long": "The name is too long (100 characters at most).",
    "api_keys.error.not_found": "Key not found.",
    "team.invite.done": "Invitation created for {email}.",
    "team.invite.password_note": "If this address had no Omni account yet, we created one with the"
                                 " temporary password below (shown only now). If it had one, they "
                                 "will see the invitation when they sign in.",
    "team.invite.hide": "Hide",
    "team.invitations": "Pending invitations",
    "team.invitation.expires": "Expires",
    "team.invitation.revoke": "Cancel invitation",
    "team.invitation.revoked": "Invitation cancelled.",
    "team.error.not_found": "Not found: the list was refreshed.",
    "onboarding.invitations": "Invitations for you",
    "onboarding.invitation": "{clinic} invited you to the team as {role}.",
    "onboarding.accept": "Join the clinic",
    "onboarding.or_create": "Or create your own clinic",
    "onboarding.error.not_found": "The invitation could not be accepted: it expired or was "
                                  "cancelled.",
    "nav.account": "My account",
    "nav.menu": "Account menu",
    "nav.logout_everywhere": "Sign out of every device",
    "account.title": "My account",
    "account.password.title": "Change password",
    "account.password.current": "Current password",
    "account.password.new": "New password",
    "account.password.confirm": "Confirm the new password",
    "account.password.submit": "Change password",
    "account.password.hint": "At least 8 characters. Changing it signs you out of every other "
                             "device.",
    "account.password.done": "Password changed. You were signed out of every other device.",
    "account.error.invalid_credentials": "The current password is wrong.",
    "account.error.mismatch": "The two new passwords differ.",
    "account.error.too_short": "The new password needs at least 8 characters.",
    "account.error.same_password": "The new password must differ from the current one.",
    "account.error.weak_password": "Password too weak. Choose a longer one.",
    "account.error.rate_limited": "Too many attempts. Wait a few minutes and try again.",
    "account.error.unavailable": "The password could not be changed right now. Try again shortly.",
    "account.everywhere.title": "Sessions",
    "account.everywhere.text": "Sign out of Omni in every browser and device, this one included.",
    "account.everywhere.confirm.title": "Sign out of every device?",
    "account.everywhere.confirm.text": "You are signed out of Omni in every browser and "
                                       "on every device, this one included, and will "
                                       "need to sign in again.",
    "account.everywhere.confirm.cancel": "Go back",
    "integrations.error.url_https": "In production the n8n URL must start with https://.",
    "integrations.error.url_private": "This URL leads to an internal or private address. To use an"
                                      " n8n on the internal network, the operator must allow it in"
                                      " OMNI_OUTBOUND_ALLOW.",
    "integrations.error.url_unresolved": "This address could not be found (DNS). Check the URL.",
    "onboarding.error.conflict": "You already belong to a clinic.",
    "error.refused": "This could not be done. Reload the page and try again.",
}
