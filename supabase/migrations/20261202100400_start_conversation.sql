-- Starting a conversation with a number that has none: the client (found by any spelling of
-- the number, else created as a lead) and an open WhatsApp thread, in one transaction, for the
-- caller's clinic. Starting counts as activity, so the thread tops the inbox.
create function public.start_conversation_with_phone(p_phones text[], p_name text default null)
returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_company uuid := private.current_company_id();
  v_phone text := p_phones[1];              -- the canonical spelling comes first
  v_client uuid;
  v_thread uuid;
  v_created boolean := false;
begin
  if v_company is null then
    raise exception 'not a member of a clinic' using errcode = 'PT403';
  end if;
  if v_phone is null or v_phone !~ '^\+[1-9][0-9]{6,14}$' then
    raise exception 'a phone in E.164 is required' using errcode = '22023';
  end if;
  -- Concurrent starts (and deliveries) for one number take turns on the clinic's client row.
  select id into v_client from public.clients
  where company_id = v_company and phone = any (p_phones)
  order by (phone = v_phone) desc limit 1
  for update;
  if v_client is null then
    insert into public.clients (company_id, full_name, phone, source_channel)
    values (v_company, coalesce(nullif(btrim(p_name), ''), v_phone), v_phone, 'manual')
    on conflict do nothing
    returning id into v_client;
    if v_client is null then   -- created meanwhile
      select id into v_client from public.clients where company_id = v_company and phone = v_phone;
    end if;
  end if;

  select id into v_thread from public.conversation_threads
  where company_id = v_company and client_id = v_client and channel = 'whatsapp'
    and status = 'active';
  if v_thread is null then
    insert into public.conversation_threads (company_id, client_id, channel, last_message_at)
    values (v_company, v_client, 'whatsapp', now())
    on conflict do nothing
    returning id into v_thread;
    v_created := v_thread is not null;
    if v_thread is null then
      select id into v_thread from public.conversation_threads
      where company_id = v_company and client_id = v_client and channel = 'whatsapp'
        and status = 'active';
    end if;
  end if;
  return jsonb_build_object('conversation_id', v_thread, 'client_id', v_client,
                            'created', v_created);
end
$$;
revoke execute on function public.start_conversation_with_phone(text[], text) from public, anon, service_role;
grant execute on function public.start_conversation_with_phone(text[], text) to authenticated;
