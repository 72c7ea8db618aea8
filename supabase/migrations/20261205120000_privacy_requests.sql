-- Privacy requests under the LGPD (issue 11, item 6): an admin exports everything Omni holds
-- about a client (read by the app as the admin, under RLS; record_client_export writes the audit
-- row) and erases a client on request (erase_client, one transaction).
--
-- Erasing keeps the client row as an anonymous shell, and every message, appointment, payment
-- and stage change with it, so counts and the funnel still add up; what identifies the person
-- (names, numbers, addresses, what they wrote or were told, notes, AI summaries, provider ids
-- and payloads) is blanked or deleted, and the audit trail records the request without it.

alter table public.clients add column erased_at timestamptz;
comment on column public.clients.erased_at is
  'When the client''s personal data was erased (erase_client); the row stays as an anonymous shell.';

insert into private.audit_actions (action) values ('client.exported'), ('client.erased')
on conflict do nothing;

-- An erased client stays erased: their personal columns cannot be written again (the stage and
-- owner can still move, so archiving a stage or removing a member is not blocked by them).
create function private.keep_erased_clients_erased() returns trigger
language plpgsql set search_path = '' as $$
begin
  if old.erased_at is not null
     and (new.erased_at is distinct from old.erased_at
          or new.full_name is distinct from old.full_name
          or new.phone is distinct from old.phone
          or new.email is distinct from old.email
          or new.instagram_id is distinct from old.instagram_id
          or new.whatsapp_id is distinct from old.whatsapp_id
          or new.cpf is distinct from old.cpf
          or new.birth_date is distinct from old.birth_date
          or new.tags is distinct from old.tags
          or new.notes is distinct from old.notes) then
    raise exception 'this client''s data was erased' using errcode = 'PT409',
      hint = 'client_erased';
  end if;
  return new;
end
$$;
revoke execute on function private.keep_erased_clients_erased() from public, anon, authenticated;
create trigger keep_erased_clients_erased before update on public.clients
  for each row execute function private.keep_erased_clients_erased();

-- Nothing new is written about an erased client: no conversation, message, note or summary
-- (a failed reply cannot be queued again either: its text is gone).
create function private.refuse_erased_client() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if exists (select from public.clients
             where company_id = new.company_id and id = new.client_id and erased_at is not null)
  then
    raise exception 'this client''s data was erased' using errcode = 'PT409',
      hint = 'client_erased';
  end if;
  return new;
end
$$;
revoke execute on function private.refuse_erased_client() from public, anon, authenticated;
create trigger refuse_erased_client before insert on public.conversation_threads
  for each row execute function private.refuse_erased_client();
create trigger refuse_erased_client before insert on public.interactions
  for each row execute function private.refuse_erased_client();
create trigger refuse_erased_client_retry before update of status on public.interactions
  for each row when (new.status = 'queued' and old.status <> 'queued')
  execute function private.refuse_erased_client();
create trigger refuse_erased_client before insert on public.client_notes
  for each row execute function private.refuse_erased_client();
create trigger refuse_erased_client before insert on public.ai_context_snapshots
  for each row execute function private.refuse_erased_client();

create function private.refuse_notes_of_erased_client() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if exists (select from public.conversation_threads t
             join public.clients c on c.company_id = t.company_id and c.id = t.client_id
             where t.company_id = new.company_id and t.id = new.conversation_id
               and c.erased_at is not null) then
    raise exception 'this client''s data was erased' using errcode = 'PT409',
      hint = 'client_erased';
  end if;
  return new;
end
$$;
revoke execute on function private.refuse_notes_of_erased_client() from public, anon, authenticated;
create trigger refuse_erased_client before insert on public.conversation_notes
  for each row execute function private.refuse_notes_of_erased_client();

-- A message's history stays immutable for every writer, except erase_client blanking the
-- messages of the one client it erases (a transaction-local setting only it makes; signed-in
-- callers cannot update messages at all).
create or replace function private.keep_message_history() returns trigger
language plpgsql set search_path = '' as $$
begin
  if current_setting('omni.erasing_client', true) = old.client_id::text then
    return new;
  end if;
  if new.company_id is distinct from old.company_id
     or new.direction is distinct from old.direction
     or new.channel is distinct from old.channel
     or new.content is distinct from old.content
     or new.media is distinct from old.media
     or new.sent_by is distinct from old.sent_by
     or new.occurred_at is distinct from old.occurred_at
     or (old.external_message_id is not null
         and new.external_message_id is distinct from old.external_message_id) then
    raise exception 'a message''s content, author and time cannot change' using errcode = 'PT403';
  end if;
  return new;
end
$$;

-- A status report that arrives after the erasure (n8n reporting a reply sent or failed) still
-- moves the status, but cannot bring back the provider's id, an error text or a payload.
create function private.keep_erased_messages_blank() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if current_setting('omni.erasing_client', true) is distinct from old.client_id::text
     and exists (select from public.clients
                 where company_id = old.company_id and id = old.client_id
                   and erased_at is not null) then
    new.external_message_id := old.external_message_id;
    new.error := old.error;
    new.metadata := old.metadata;
  end if;
  return new;
end
$$;
revoke execute on function private.keep_erased_messages_blank() from public, anon, authenticated;
create trigger keep_erased_messages_blank before update on public.interactions
  for each row when (new.external_message_id is distinct from old.external_message_id
                     or new.error is distinct from old.error
                     or new.metadata is distinct from old.metadata)
  execute function private.keep_erased_messages_blank();

-- Admins: an export of the client is being made (the app reads it as the admin); the audit row
-- names the client and the format, nothing else.
create function public.record_client_export(p_client_id uuid, p_format text)
returns void
language plpgsql security definer set search_path = '' as $$
declare
  v_company uuid := private.admin_company_id();
begin
  if not exists (select from public.clients where company_id = v_company and id = p_client_id)
  then
    raise exception 'client not found' using errcode = 'PT404';
  end if;
  if p_format is null or p_format not in ('json', 'html') then
    raise exception 'unknown export format' using errcode = '22023', hint = 'format';
  end if;
  perform private.audit(v_company, 'client.exported', 'client', p_client_id,
                        jsonb_build_object('format', p_format));
end
$$;
revoke execute on function public.record_client_export(uuid, text) from public, anon, service_role;
grant execute on function public.record_client_export(uuid, text) to authenticated;

-- What identifies a client, as it may appear inside other text (audit details).
create function private.client_identifiers(p_client public.clients) returns text[]
language sql immutable set search_path = '' as $$
  select coalesce(array_agg(value), '{}') from unnest(array[
    case when length(btrim(p_client.full_name)) >= 3 then p_client.full_name end,
    p_client.phone, nullif(regexp_replace(coalesce(p_client.phone, ''), '[^0-9]', '', 'g'), ''),
    p_client.email, p_client.instagram_id, p_client.whatsapp_id, p_client.cpf]) as value
  where value is not null
$$;
revoke execute on function private.client_identifiers(public.clients) from public, anon, authenticated;

-- Admins: erase a client's personal data in every table, in one transaction. Returns what was
-- done, in numbers. Refused: PT403 (not an admin), PT404 (not the clinic's client), PT409
-- already_erased.
create function public.erase_client(p_client_id uuid)
returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_company uuid := private.admin_company_id();
  v_client public.clients;
  v_identifiers text[];
  v_threads uuid[];
  v_messages text[];
  v_placeholder text;
  v_locale text;
  v_result jsonb;
begin
  select * into v_client from public.clients
  where company_id = v_company and id = p_client_id for update;
  if v_client.id is null then
    raise exception 'client not found' using errcode = 'PT404';
  end if;
  if v_client.erased_at is not null then
    raise exception 'this client''s data was already erased' using errcode = 'PT409',
      hint = 'already_erased';
  end if;
  v_identifiers := private.client_identifiers(v_client);
  select coalesce(array_agg(id), '{}') into v_threads from public.conversation_threads
  where company_id = v_company and client_id = p_client_id;
  select coalesce(array_agg(id::text), '{}') into v_messages from public.interactions
  where company_id = v_company and client_id = p_client_id;

  v_locale := (select locale from public.companies where id = v_company);
  -- Messages: what was said, sent or attached, the provider's ids, payloads and errors go (the
  -- text becomes a fixed line in the clinic's language, so the inbox and the profile say what
  -- happened); channel, direction, time and status stay. A reply still waiting is never sent.
  perform set_config('omni.erasing_client', p_client_id::text, true);
  update public.interactions
  set content = case v_locale when 'en' then 'Message erased (LGPD)'
                              when 'es' then 'Mensaje borrado (LGPD)'
                              else 'Mensagem apagada (LGPD)' end,
      media = null, metadata = '{}', error = null, external_message_id = null,
      search_vector = null, status = case when status = 'queued' then 'failed' else status end
  where company_id = v_company and client_id = p_client_id;
  perform set_config('omni.erasing_client', '', true);
  update public.jobs
  set status = case when status in ('queued', 'running') then 'dead' else status end,
      finished_at = coalesce(finished_at, now()), locked_by = null, locked_until = null,
      last_error = null
  where company_id = v_company and kind = 'deliver_reply'
    and payload ->> 'interaction_id' = any (v_messages);

  update public.conversation_threads
  set last_message_preview = null, unread_count = 0, status = 'closed',
      ended_at = coalesce(ended_at, now())
  where company_id = v_company and client_id = p_client_id;
  delete from public.conversation_notes where company_id = v_company and conversation_id = any (v_threads);
  delete from public.client_notes where company_id = v_company and client_id = p_client_id;
  delete from public.ai_context_snapshots where company_id = v_company and client_id = p_client_id;
  update public.appointments set notes = null
  where company_id = v_company and client_id = p_client_id and notes is not null;

  -- Audit details that quote the client (their own entries, or any naming them) are redacted;
  -- the entries themselves stay.
  update public.audit_log
  set details = jsonb_build_object('redacted', true)
  where company_id = v_company and details <> '{}'
    and ((entity_id = p_client_id and action not in ('client.exported', 'client.erased'))
         or exists (select from unnest(v_identifiers) as identifier
                    where position(lower(identifier) in lower(details::text)) > 0));

  v_placeholder := case v_locale
                     when 'en' then 'Erased client' when 'es' then 'Cliente borrado'
                     else 'Cliente apagado' end;
  update public.clients
  set full_name = v_placeholder, phone = null, email = null, instagram_id = null,
      whatsapp_id = null, cpf = null, birth_date = null, tags = '{}', notes = null,
      erased_at = now()
  where id = p_client_id
  returning erased_at into v_client.erased_at;

  v_result := jsonb_build_object('messages', cardinality(v_messages),
                                 'conversations', cardinality(v_threads));
  perform private.audit(v_company, 'client.erased', 'client', p_client_id, v_result);
  return v_result || jsonb_build_object('id', p_client_id, 'erased_at', v_client.erased_at);
end
$$;
revoke execute on function public.erase_client(uuid) from public, anon, service_role;
grant execute on function public.erase_client(uuid) to authenticated;
