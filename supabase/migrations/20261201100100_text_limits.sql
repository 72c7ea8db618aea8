-- Every free-text column has a length limit, so no caller (a webhook, a signed-in user through
-- the REST API) can park megabytes in a row. The limits are far above what the product shows:
-- a WhatsApp text is at most 4,096 characters and the channel parsers cut at 20,000.

create function private.are_tags(tags text[]) returns boolean
language sql immutable set search_path = '' as $$
  select coalesce(cardinality(tags), 0) <= 50
     and not exists (select from unnest(tags) as t(tag)
                     where tag is null or length(btrim(tag)) not between 1 and 60)
$$;

alter table public.users
  add constraint users_full_name_length check (length(full_name) <= 200),
  add constraint users_email_length check (length(email) <= 320);

alter table public.clients
  add constraint clients_email_length check (length(email) <= 320),
  add constraint clients_notes_length check (length(notes) <= 10000),
  add constraint clients_tags_valid check (private.are_tags(tags));

alter table public.appointments
  add constraint appointments_notes_length check (length(notes) <= 5000);

alter table public.settings
  add constraint settings_logo_url_length check (length(logo_url) <= 2048);

alter table public.conversation_threads
  add constraint conversation_threads_preview_length check (length(last_message_preview) <= 400);

alter table public.interactions
  add constraint interactions_content_length check (length(content) <= 20000),
  add constraint interactions_error_length check (length(error) <= 1000),
  add constraint interactions_external_id_length check (length(external_message_id) <= 256),
  add constraint interactions_media_size check (octet_length(media::text) <= 32768),
  add constraint interactions_metadata_size check (octet_length(metadata::text) <= 32768);

alter table public.ai_context_snapshots
  add constraint ai_context_snapshots_summary_length check (length(summary) <= 4000),
  add constraint ai_context_snapshots_model_length check (length(model) <= 100),
  add constraint ai_context_snapshots_flags_size check (octet_length(important_flags::text) <= 32768);

alter table public.integrations
  add constraint integrations_outbound_url_length check (length(outbound_url) <= 2048),
  add constraint integrations_secrets_size check (length(secrets_sealed) <= 65536);

alter table public.audit_log
  add constraint audit_log_details_size check (octet_length(details::text) <= 16384);

alter table public.app_sessions
  add constraint app_sessions_user_agent_length check (length(user_agent) <= 500),
  add constraint app_sessions_ip_length check (length(ip) <= 64);
