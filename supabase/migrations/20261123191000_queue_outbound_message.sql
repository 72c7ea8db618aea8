-- A staff reply, recorded `queued` together with its thread's inbox preview in one transaction.
-- Security invoker: RLS decides which conversations the caller may answer.
create function public.queue_outbound_message(p_conversation_id uuid, p_content text)
returns jsonb
language plpgsql set search_path = '' as $$
declare
  v_thread public.conversation_threads;
  v_row public.interactions;
  v_limit integer;
begin
  select * into v_thread from public.conversation_threads
  where id = p_conversation_id for update;
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
                                   content, status, sent_by)
  values (v_thread.company_id, v_thread.id, v_thread.client_id, v_thread.channel, 'outbound',
          p_content, 'queued', private.current_user_id())
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
revoke execute on function public.queue_outbound_message(uuid, text) from public, anon;
grant execute on function public.queue_outbound_message(uuid, text) to authenticated, service_role;
