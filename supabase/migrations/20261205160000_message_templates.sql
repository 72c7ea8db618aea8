-- WhatsApp message templates: what a clinic may send when a client's 24-hour window is closed
-- (or before they ever wrote). Meta approves templates outside Omni; admins copy them here with
-- the status Meta gave them, and staff send the approved ones with their variables filled in.
--
-- The body's variables are `{{1}}`..`{{n}}`, numbered from 1 without gaps (Meta's rule); any
-- other `{{` or `}}` is refused. The app checks the same rules first to say what is wrong.

create function private.template_variable_count(p_body text) returns integer
language sql immutable set search_path = '' as $$
  -- n for a body whose variables are exactly {{1}}..{{n}} (each may repeat); null otherwise.
  select case
    when regexp_replace(p_body, '\{\{[1-9][0-9]{0,2}\}\}', '', 'g') ~ '\{\{|\}\}' then null
    else (select case when count(*) = 0 then 0
                      when max(n) = count(distinct n) then max(n) end
          from (select (m[1])::integer as n
                from regexp_matches(p_body, '\{\{([1-9][0-9]{0,2})\}\}', 'g') as m) as found)
  end
$$;

create table public.message_templates (
  id uuid primary key default gen_random_uuid(),
  company_id uuid not null references public.companies (id) on delete cascade,
  name text not null check (name ~ '^[a-z0-9_]+$' and length(name) <= 512),
  language text not null check (language ~ '^[a-z]{2,3}(_[A-Z]{2})?$'),
  body text not null check (length(btrim(body)) between 1 and 1024
                            and private.template_variable_count(body) is not null),
  status text not null default 'pending' check (status in ('approved', 'pending', 'rejected')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (company_id, name, language)
);
create trigger touch_updated_at before update on public.message_templates
  for each row execute function private.touch_updated_at();
comment on table public.message_templates is
  'A clinic''s WhatsApp message templates, as Meta approved them; written by admins.';

alter table public.message_templates enable row level security;
create policy "members read templates" on public.message_templates for select to authenticated
  using (company_id = (select private.current_company_id()));
create policy "admins insert templates" on public.message_templates for insert to authenticated
  with check (company_id = (select private.current_company_id())
              and (select private.current_user_role()) = 'admin');
create policy "admins update templates" on public.message_templates for update to authenticated
  using (company_id = (select private.current_company_id())
         and (select private.current_user_role()) = 'admin')
  with check (company_id = (select private.current_company_id()));
create policy "admins delete templates" on public.message_templates for delete to authenticated
  using (company_id = (select private.current_company_id())
         and (select private.current_user_role()) = 'admin');
revoke all on public.message_templates from anon, authenticated;
grant select, insert, delete on public.message_templates to authenticated;
grant update (name, language, body, status) on public.message_templates to authenticated;
grant select on public.message_templates to service_role;

-- Every change is in the audit trail, whoever writes it (the table is written directly).
insert into private.audit_actions (action)
values ('template.created'), ('template.updated'), ('template.deleted')
on conflict do nothing;

create function private.audit_message_template() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_row public.message_templates := case tg_op when 'DELETE' then old else new end;
begin
  perform private.audit(v_row.company_id,
                        case tg_op when 'INSERT' then 'template.created'
                                   when 'UPDATE' then 'template.updated'
                                   else 'template.deleted' end,
                        'message_template', v_row.id,
                        jsonb_build_object('name', v_row.name, 'language', v_row.language,
                                           'status', v_row.status));
  return null;
end
$$;
revoke execute on function private.audit_message_template() from public, anon, authenticated;
create trigger audit_message_template after insert or update or delete
  on public.message_templates
  for each row execute function private.audit_message_template();

-- The template's body with variable i in place of each {{i}}, in one pass (a value that
-- contains "{{2}}" stays as typed).
create function private.render_template(p_body text, p_variables text[]) returns text
language plpgsql immutable set search_path = '' as $$
declare
  v_rest text := p_body;
  v_done text := '';
  v_match text[];
  v_at integer;
begin
  loop
    v_match := regexp_match(v_rest, '\{\{([1-9][0-9]{0,2})\}\}');
    exit when v_match is null;
    v_at := strpos(v_rest, '{{' || v_match[1] || '}}');
    v_done := v_done || left(v_rest, v_at - 1) || p_variables[v_match[1]::integer];
    v_rest := substr(v_rest, v_at + length(v_match[1]) + 4);
  end loop;
  return v_done || v_rest;
end
$$;

-- A staff member sends an approved template on a WhatsApp conversation of their clinic: recorded
-- `queued` with the rendered text (what the inbox shows) and {template: {name, language,
-- variables}} in its metadata, with the thread's preview and the same delivery job as a reply.
create function public.queue_template_message(p_conversation_id uuid, p_template_id uuid,
                                              p_variables text[])
returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_company uuid := private.current_company_id();
  v_thread public.conversation_threads;
  v_template public.message_templates;
  v_variables text[] := coalesce(p_variables, '{}');
  v_content text;
  v_row public.interactions;
begin
  select * into v_thread from public.conversation_threads
  where id = p_conversation_id and company_id = v_company for update;
  if not found then
    raise exception 'conversation not found' using errcode = 'PT404';
  end if;
  if v_thread.status <> 'active' then
    raise exception 'conversation is closed' using errcode = 'PT409', hint = 'closed';
  end if;
  if v_thread.channel <> 'whatsapp' then
    raise exception 'templates are sent on WhatsApp only' using errcode = '22023',
      hint = 'not_whatsapp';
  end if;
  select * into v_template from public.message_templates
  where id = p_template_id and company_id = v_company;
  if not found then
    raise exception 'template not found' using errcode = 'PT404', hint = 'template_not_found';
  end if;
  if v_template.status <> 'approved' then
    raise exception 'template is not approved' using errcode = '22023',
      hint = 'template_not_approved';
  end if;
  if cardinality(v_variables) <> private.template_variable_count(v_template.body) then
    raise exception 'the template has % variables', private.template_variable_count(v_template.body)
      using errcode = '22023', hint = 'variable_count';
  end if;
  -- Meta refuses empty values, line breaks and tabs in a variable.
  if exists (select from unnest(v_variables) as v
             where v is null or btrim(v) = '' or v ~ '[\n\r\t]' or length(v) > 1024) then
    raise exception 'a variable is empty or has line breaks' using errcode = '22023',
      hint = 'variables';
  end if;
  v_content := private.render_template(v_template.body, v_variables);
  if length(v_content) > 4096 then
    raise exception 'message longer than 4096 characters' using errcode = '22001',
      hint = 'too_long';
  end if;

  insert into public.interactions (company_id, conversation_id, client_id, channel, direction,
                                   content, status, metadata)
  values (v_thread.company_id, v_thread.id, v_thread.client_id, v_thread.channel, 'outbound',
          v_content, 'queued',
          jsonb_build_object('template', jsonb_build_object(
            'name', v_template.name, 'language', v_template.language,
            'variables', to_jsonb(v_variables))))
  returning * into v_row;

  update public.conversation_threads
  set last_message_at = v_row.occurred_at,
      last_message_preview = private.message_preview(v_content, null),
      last_message_direction = 'outbound'
  where id = v_thread.id
    and (last_message_at is null or last_message_at <= v_row.occurred_at);
  perform private.enqueue_job(v_row.company_id, 'deliver_reply',
                              jsonb_build_object('interaction_id', v_row.id), v_row.id::text);
  return to_jsonb(v_row) - 'search_vector';
end
$$;
revoke execute on function public.queue_template_message(uuid, uuid, text[])
  from public, anon, service_role;
grant execute on function public.queue_template_message(uuid, uuid, text[]) to authenticated;
