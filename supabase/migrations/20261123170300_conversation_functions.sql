-- Conversation writes that must happen in one transaction.
--
-- Threads: a conversation is a run of messages with gaps under 24 hours. An inbound message
-- goes to the client's latest thread on that channel when that thread's last message is less
-- than 24 h older than it (reopening it if it was closed); otherwise the old thread is closed
-- and a new one starts.

create function private.message_preview(content text, media jsonb) returns text
language sql immutable set search_path = '' as $$
  select left(coalesce(nullif(btrim(content), ''), nullif(btrim(media ->> 'caption'), ''),
                       '[' || coalesce(media ->> 'type', 'media') || ']'), 200)
$$;

create function public.ingest_inbound_message(
  p_company_id uuid,
  p_channel text,
  p_external_message_id text,
  p_sender jsonb,
  p_content text default null,
  p_media jsonb default null,
  p_occurred_at timestamptz default now(),
  p_metadata jsonb default '{}'
) returns jsonb
language plpgsql set search_path = '' as $$
declare
  v_phone text := nullif(btrim(p_sender ->> 'phone'), '');
  v_whatsapp_id text := nullif(btrim(p_sender ->> 'whatsapp_id'), '');
  v_instagram_id text := nullif(btrim(p_sender ->> 'instagram_id'), '');
  v_name text := nullif(btrim(p_sender ->> 'name'), '');
  v_existing public.interactions;
  v_client uuid;
  v_client_created boolean := false;
  v_thread public.conversation_threads;
  v_thread_id uuid;
  v_opened boolean := false;
  v_reopened boolean := false;
  v_interaction uuid;
begin
  if p_channel not in ('whatsapp', 'instagram') then
    raise exception 'unsupported channel: %', p_channel using errcode = '22023';
  end if;
  if coalesce(p_external_message_id, '') = '' then
    raise exception 'external_message_id is required' using errcode = '22023';
  end if;
  if p_content is null and p_media is null then
    raise exception 'a message needs content or media' using errcode = '22023';
  end if;

  -- The client, by the channel's identity; created as a lead when unknown.
  if p_channel = 'instagram' then
    if v_instagram_id is null then
      raise exception 'an Instagram sender needs instagram_id' using errcode = '22023';
    end if;
    insert into public.clients (company_id, full_name, instagram_id, source_channel, last_interaction_at)
    values (p_company_id, coalesce(v_name, 'Instagram ' || v_instagram_id), v_instagram_id,
            'instagram', p_occurred_at)
    on conflict do nothing
    returning id into v_client;
    v_client_created := v_client is not null;
    if v_client is null then
      select id into v_client from public.clients
      where company_id = p_company_id and instagram_id = v_instagram_id;
    end if;
  else
    if v_phone is null then
      raise exception 'a WhatsApp sender needs a phone in E.164' using errcode = '22023';
    end if;
    insert into public.clients (company_id, full_name, phone, whatsapp_id, source_channel, last_interaction_at)
    values (p_company_id, coalesce(v_name, v_phone), v_phone, v_whatsapp_id, 'whatsapp', p_occurred_at)
    on conflict do nothing
    returning id into v_client;
    v_client_created := v_client is not null;
    if v_client is null then
      select id into v_client from public.clients
      where company_id = p_company_id
        and (phone = v_phone or (v_whatsapp_id is not null and whatsapp_id = v_whatsapp_id))
      order by (phone = v_phone) desc
      limit 1;
    end if;
  end if;

  -- Every delivery for this client waits here, so threads and duplicates are decided one at a
  -- time: a redelivery, even a concurrent one, finds the first and changes nothing.
  perform from public.clients where id = v_client for update;

  select * into v_existing from public.interactions
  where company_id = p_company_id and channel = p_channel
    and external_message_id = p_external_message_id;
  if found then
    return jsonb_build_object('interaction_id', v_existing.id,
      'conversation_id', v_existing.conversation_id, 'client_id', v_existing.client_id,
      'duplicate', true, 'client_created', false, 'conversation_opened', false,
      'conversation_reopened', false);
  end if;

  select * into v_thread from public.conversation_threads
  where company_id = p_company_id and client_id = v_client and channel = p_channel
  order by (status = 'active') desc, coalesce(last_message_at, started_at) desc
  limit 1;

  if v_thread.id is not null
     and coalesce(v_thread.last_message_at, v_thread.started_at) > p_occurred_at - interval '24 hours' then
    v_thread_id := v_thread.id;
    if v_thread.status = 'closed' then
      update public.conversation_threads set status = 'active', ended_at = null where id = v_thread_id;
      v_reopened := true;
    end if;
  else
    if v_thread.status = 'active' then
      update public.conversation_threads
      set status = 'closed', ended_at = coalesce(last_message_at, started_at)
      where id = v_thread.id;
    end if;
    insert into public.conversation_threads (company_id, client_id, channel, started_at)
    values (p_company_id, v_client, p_channel, p_occurred_at)
    returning id into v_thread_id;
    v_opened := true;
  end if;

  insert into public.interactions (company_id, conversation_id, client_id, channel, direction,
                                   content, media, status, external_message_id, occurred_at, metadata)
  values (p_company_id, v_thread_id, v_client, p_channel, 'inbound', p_content, p_media,
          'received', p_external_message_id, p_occurred_at, coalesce(p_metadata, '{}'))
  returning id into v_interaction;

  update public.conversation_threads
  set last_message_preview = case when last_message_at is null or p_occurred_at >= last_message_at
                                  then private.message_preview(p_content, p_media)
                                  else last_message_preview end,
      last_message_direction = case when last_message_at is null or p_occurred_at >= last_message_at
                                    then 'inbound' else last_message_direction end,
      last_message_at = greatest(last_message_at, p_occurred_at),
      last_inbound_at = greatest(last_inbound_at, p_occurred_at),
      unread_count = unread_count + 1
  where id = v_thread_id;

  update public.clients
  set last_interaction_at = greatest(last_interaction_at, p_occurred_at),
      whatsapp_id = coalesce(whatsapp_id, v_whatsapp_id),
      full_name = case when v_name is not null and full_name in (phone, 'Instagram ' || instagram_id)
                       then v_name else full_name end
  where id = v_client;

  return jsonb_build_object('interaction_id', v_interaction, 'conversation_id', v_thread_id,
    'client_id', v_client, 'duplicate', false, 'client_created', v_client_created,
    'conversation_opened', v_opened, 'conversation_reopened', v_reopened);
end
$$;

-- Outbound status only moves forward: queued < sent < delivered < read. `failed` is kept with
-- its error unless the message was already delivered; a retry (queued again) or a later
-- success report moves a failed message on.
create function private.status_rank(status text) returns integer
language sql immutable set search_path = '' as $$
  select case status when 'queued' then 1 when 'sent' then 2 when 'delivered' then 3
                     when 'read' then 4 else 0 end
$$;

create function public.record_message_status(
  p_company_id uuid,
  p_status text,
  p_interaction_id uuid default null,
  p_external_message_id text default null,
  p_error text default null
) returns jsonb
language plpgsql set search_path = '' as $$
declare
  v_row public.interactions;
  v_changes boolean;
begin
  if p_status not in ('queued', 'sent', 'delivered', 'read', 'failed') then
    raise exception 'unknown status: %', p_status using errcode = '22023';
  end if;
  if p_interaction_id is null and coalesce(p_external_message_id, '') = '' then
    raise exception 'interaction_id or external_message_id is required' using errcode = '22023';
  end if;
  select * into v_row from public.interactions
  where company_id = p_company_id and direction = 'outbound'
    and (id = p_interaction_id
         or (p_interaction_id is null and external_message_id = p_external_message_id))
  for update;
  if not found then
    raise exception 'message not found' using errcode = 'PT404';
  end if;

  v_changes := case
    when p_status = 'failed' then v_row.status not in ('delivered', 'read', 'failed')
    when v_row.status = 'failed' then true
    else private.status_rank(p_status) > private.status_rank(v_row.status)
  end;
  if v_changes then
    update public.interactions
    set status = p_status,
        error = case when p_status = 'failed' then coalesce(p_error, 'failed') end,
        external_message_id = coalesce(external_message_id, p_external_message_id)
    where id = v_row.id;
  elsif p_interaction_id is not null and v_row.external_message_id is null
        and p_external_message_id is not null then
    update public.interactions set external_message_id = p_external_message_id where id = v_row.id;
  end if;
  return jsonb_build_object('interaction_id', v_row.id,
    'status', case when v_changes then p_status else v_row.status end, 'changed', v_changes);
end
$$;

revoke execute on function public.ingest_inbound_message(uuid, text, text, jsonb, text, jsonb, timestamptz, jsonb)
  from public, anon, authenticated;
grant execute on function public.ingest_inbound_message(uuid, text, text, jsonb, text, jsonb, timestamptz, jsonb)
  to service_role;
revoke execute on function public.record_message_status(uuid, text, uuid, text, text)
  from public, anon, authenticated;
grant execute on function public.record_message_status(uuid, text, uuid, text, text) to service_role;

-- Staff actions: security invoker, so row-level security decides what the caller may touch.
create function public.start_conversation(p_client_id uuid, p_channel text) returns uuid
language plpgsql set search_path = '' as $$
declare
  v_thread uuid;
begin
  select id into v_thread from public.conversation_threads
  where client_id = p_client_id and channel = p_channel and status = 'active';
  if v_thread is not null then
    return v_thread;
  end if;
  insert into public.conversation_threads (company_id, client_id, channel)
  select company_id, id, p_channel from public.clients where id = p_client_id
  on conflict do nothing
  returning id into v_thread;
  if v_thread is null then
    select id into v_thread from public.conversation_threads
    where client_id = p_client_id and channel = p_channel and status = 'active';
  end if;
  if v_thread is null then
    raise exception 'client not found' using errcode = 'PT404';
  end if;
  return v_thread;
end
$$;

create function public.close_conversation(p_conversation_id uuid) returns void
language plpgsql set search_path = '' as $$
begin
  update public.conversation_threads set status = 'closed', ended_at = now()
  where id = p_conversation_id and status = 'active';
  if not found and not exists (select from public.conversation_threads where id = p_conversation_id) then
    raise exception 'conversation not found' using errcode = 'PT404';
  end if;
end
$$;

create function public.reopen_conversation(p_conversation_id uuid) returns void
language plpgsql set search_path = '' as $$
declare
  v_thread public.conversation_threads;
begin
  select * into v_thread from public.conversation_threads where id = p_conversation_id for update;
  if not found then
    raise exception 'conversation not found' using errcode = 'PT404';
  end if;
  if v_thread.status = 'active' then
    return;
  end if;
  if exists (select from public.conversation_threads
             where company_id = v_thread.company_id and client_id = v_thread.client_id
               and channel = v_thread.channel and status = 'active') then
    raise exception 'this client already has an open conversation on %', v_thread.channel
      using errcode = 'PT409';
  end if;
  update public.conversation_threads set status = 'active', ended_at = null where id = p_conversation_id;
end
$$;

create function public.mark_conversation_read(p_conversation_id uuid) returns void
language plpgsql set search_path = '' as $$
begin
  update public.conversation_threads set unread_count = 0 where id = p_conversation_id;
  if not found then
    raise exception 'conversation not found' using errcode = 'PT404';
  end if;
end
$$;

revoke execute on function public.start_conversation(uuid, text) from public, anon;
revoke execute on function public.close_conversation(uuid) from public, anon;
revoke execute on function public.reopen_conversation(uuid) from public, anon;
revoke execute on function public.mark_conversation_read(uuid) from public, anon;
grant execute on function public.start_conversation(uuid, text) to authenticated, service_role;
grant execute on function public.close_conversation(uuid) to authenticated, service_role;
grant execute on function public.reopen_conversation(uuid) to authenticated, service_role;
grant execute on function public.mark_conversation_read(uuid) to authenticated, service_role;
