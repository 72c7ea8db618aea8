-- A conversation's history cannot be rewritten. Signed-in staff no longer write `interactions`
-- directly: replies are queued and retried by the functions below (security definer, scoped
-- to the caller's clinic), which stamp the caller as the author. For every writer, service role
-- included, a message's content, media, direction, channel, time and author are immutable.

revoke insert, update, delete on public.interactions from authenticated;
drop policy "members insert" on public.interactions;
drop policy "members update" on public.interactions;
drop policy "members delete" on public.interactions;

create function private.keep_message_history() returns trigger
language plpgsql set search_path = '' as $$
begin
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
create trigger keep_message_history before update on public.interactions
  for each row execute function private.keep_message_history();

-- Whoever writes a message signed in is its author, whatever the row claims; inbound messages
-- have none.
create function private.stamp_message_author() returns trigger
language plpgsql set search_path = '' as $$
begin
  if new.direction = 'inbound' then
    new.sent_by := null;
  elsif (select auth.role()) = 'authenticated' then
    new.sent_by := (select private.current_user_id());
  end if;
  return new;
end
$$;
create trigger stamp_message_author before insert on public.interactions
  for each row execute function private.stamp_message_author();

-- A staff reply, recorded `queued` with its thread's inbox preview in one transaction.
create or replace function public.queue_outbound_message(p_conversation_id uuid, p_content text)
returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_company uuid := private.current_company_id();
  v_thread public.conversation_threads;
  v_row public.interactions;
  v_limit integer;
begin
  select * into v_thread from public.conversation_threads
  where id = p_conversation_id and company_id = v_company for update;
  if not found then
    raise exception 'conversation not found' using errcode = 'PT404';
  end if;
  if v_thread.status <> 'active' then
    raise exception 'conversation is closed' using errcode = 'PT409';
  end if;
  -- WhatsApp caps text at 4096 characters, Instagram at 1000.
  v_limit := case v_thread.channel when 'instagram' then 1000 else 4096 end;
  if coalesce(length(btrim(p_content)), 0) = 0 then
    raise exception 'a reply needs text' using errcode = '22023';
  end if;
  if length(p_content) > v_limit then
    raise exception 'reply longer than % characters', v_limit using errcode = '22001';
  end if;

  insert into public.interactions (company_id, conversation_id, client_id, channel, direction,
                                   content, status)
  values (v_thread.company_id, v_thread.id, v_thread.client_id, v_thread.channel, 'outbound',
          p_content, 'queued')
  returning * into v_row;

  update public.conversation_threads
  set last_message_at = v_row.occurred_at,
      last_message_preview = private.message_preview(p_content, null),
      last_message_direction = 'outbound'
  where id = v_thread.id
    and (last_message_at is null or last_message_at <= v_row.occurred_at);
  return to_jsonb(v_row);
end
$$;
revoke execute on function public.queue_outbound_message(uuid, text) from public, anon, service_role;
grant execute on function public.queue_outbound_message(uuid, text) to authenticated;

-- The one way out of `failed`: a member of the clinic asks for another attempt.
create function public.retry_outbound_message(p_interaction_id uuid) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_row public.interactions;
begin
  select * into v_row from public.interactions
  where id = p_interaction_id and company_id = private.current_company_id()
    and direction = 'outbound'
  for update;
  if not found then
    raise exception 'message not found' using errcode = 'PT404';
  end if;
  if v_row.status <> 'failed' then
    raise exception 'only a failed reply can be retried' using errcode = 'PT409';
  end if;
  update public.interactions set status = 'queued', error = null where id = v_row.id
  returning * into v_row;
  return to_jsonb(v_row);
end
$$;
revoke execute on function public.retry_outbound_message(uuid) from public, anon, service_role;
grant execute on function public.retry_outbound_message(uuid) to authenticated;

-- Outbound status only moves forward: queued < sent < delivered < read; `failed` is kept with
-- its error unless the message was already delivered, and nothing a sender reports moves a
-- failed message on (a replayed `sent` cannot hide a failure): only retry_outbound_message.
create or replace function public.record_message_status(
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
    when v_row.status = 'failed' then false
    when p_status = 'failed' then v_row.status not in ('delivered', 'read')
    else private.status_rank(p_status) > private.status_rank(v_row.status)
  end;
  if v_changes then
    update public.interactions
    set status = p_status,
        error = case when p_status = 'failed' then left(coalesce(p_error, 'failed'), 1000) end,
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
