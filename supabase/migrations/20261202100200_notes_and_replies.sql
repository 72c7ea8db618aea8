-- Private notes in a conversation (staff only, never sent) and replies that quote a message.

-- 1. Notes. Written only through add_conversation_note (author and time stamped by the
-- database), read by the clinic's members; like messages, they are never rewritten.
create table public.conversation_notes (
  id uuid primary key default gen_random_uuid(),
  company_id uuid not null references public.companies (id) on delete cascade,
  conversation_id uuid not null,
  author_id uuid,
  body text not null check (length(btrim(body)) between 1 and 4000),
  created_at timestamptz not null default now(),
  unique (company_id, id),
  foreign key (company_id, conversation_id)
    references public.conversation_threads (company_id, id) on delete cascade,
  foreign key (company_id, author_id)
    references public.users (company_id, id) on delete set null (author_id)
);
create index conversation_notes_conversation_idx
  on public.conversation_notes (company_id, conversation_id, created_at);
create index conversation_notes_author_idx on public.conversation_notes (company_id, author_id);

alter table public.conversation_notes enable row level security;
create policy "members read notes" on public.conversation_notes for select to authenticated
  using (company_id = (select private.current_company_id()));
revoke all on public.conversation_notes from anon, authenticated;
grant select on public.conversation_notes to authenticated;

create view public.conversation_notes_shown with (security_invoker = true) as
select n.id, n.company_id, n.conversation_id, n.body, n.created_at, n.author_id,
       coalesce(nullif(btrim(u.full_name), ''), u.email) as author_name
from public.conversation_notes n
left join public.users u on u.company_id = n.company_id and u.id = n.author_id;
revoke all on public.conversation_notes_shown from anon;

create function public.add_conversation_note(p_conversation_id uuid, p_body text)
returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_company uuid := private.current_company_id();
  v_row public.conversation_notes;
begin
  if not exists (select from public.conversation_threads
                 where company_id = v_company and id = p_conversation_id) then
    raise exception 'conversation not found' using errcode = 'PT404';
  end if;
  if coalesce(length(btrim(p_body)), 0) = 0 then
    raise exception 'a note needs text' using errcode = '22023';
  end if;
  if length(p_body) > 4000 then
    raise exception 'note longer than 4000 characters' using errcode = '22001';
  end if;
  insert into public.conversation_notes (company_id, conversation_id, author_id, body)
  values (v_company, p_conversation_id, private.current_user_id(), btrim(p_body))
  returning * into v_row;
  return to_jsonb(v_row);
end
$$;
revoke execute on function public.add_conversation_note(uuid, text) from public, anon, service_role;
grant execute on function public.add_conversation_note(uuid, text) to authenticated;

-- 2. Replies that quote a message of the same conversation. The quote travels to n8n as the
-- provider's id of the quoted message (WhatsApp's context.message_id), when it has one.
alter table public.interactions add column reply_to_id uuid references public.interactions (id);
create index interactions_reply_to_idx on public.interactions (reply_to_id)
  where reply_to_id is not null;

create function private.keep_reply_target() returns trigger
language plpgsql set search_path = '' as $$
begin
  if new.reply_to_id is distinct from old.reply_to_id then
    raise exception 'the message a reply quotes cannot change' using errcode = 'PT403';
  end if;
  return new;
end
$$;
create trigger keep_reply_target before update of reply_to_id on public.interactions
  for each row execute function private.keep_reply_target();

drop function public.queue_outbound_message(uuid, text);
create function public.queue_outbound_message(p_conversation_id uuid, p_content text,
                                              p_reply_to uuid default null)
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
  if p_reply_to is not null and not exists (
      select from public.interactions
      where company_id = v_company and conversation_id = v_thread.id and id = p_reply_to) then
    raise exception 'the quoted message is not in this conversation' using errcode = 'PT400';
  end if;

  insert into public.interactions (company_id, conversation_id, client_id, channel, direction,
                                   content, status, reply_to_id)
  values (v_thread.company_id, v_thread.id, v_thread.client_id, v_thread.channel, 'outbound',
          p_content, 'queued', p_reply_to)
  returning * into v_row;

  update public.conversation_threads
  set last_message_at = v_row.occurred_at,
      last_message_preview = private.message_preview(p_content, null),
      last_message_direction = 'outbound'
  where id = v_thread.id
    and (last_message_at is null or last_message_at <= v_row.occurred_at);
  perform private.enqueue_job(v_row.company_id, 'deliver_reply',
                              jsonb_build_object('interaction_id', v_row.id), v_row.id::text);
  return to_jsonb(v_row) - 'search_vector';
end
$$;
revoke execute on function public.queue_outbound_message(uuid, text, uuid)
  from public, anon, service_role;
grant execute on function public.queue_outbound_message(uuid, text, uuid) to authenticated;
