-- Notes on a client's profile (issue 11, item 3): written only through add_client_note (author
-- and time stamped by the database) and pinned or unpinned through pin_client_note, both scoped
-- to the caller's clinic; read by the clinic's members, pinned first.
create table public.client_notes (
  id uuid primary key default gen_random_uuid(),
  company_id uuid not null references public.companies (id) on delete cascade,
  client_id uuid not null,
  author_id uuid,
  body text not null check (length(btrim(body)) between 1 and 4000),
  pinned boolean not null default false,
  created_at timestamptz not null default now(),
  unique (company_id, id),
  foreign key (company_id, client_id)
    references public.clients (company_id, id) on delete cascade,
  foreign key (company_id, author_id)
    references public.users (company_id, id) on delete set null (author_id)
);
create index client_notes_client_idx
  on public.client_notes (company_id, client_id, pinned desc, created_at desc);
create index client_notes_author_idx on public.client_notes (company_id, author_id);
comment on table public.client_notes is
  'Staff notes on a client; written only by add_client_note and pin_client_note.';

alter table public.client_notes enable row level security;
create policy "members read client notes" on public.client_notes for select to authenticated
  using (company_id = (select private.current_company_id()));
revoke all on public.client_notes from anon, authenticated;
grant select on public.client_notes to authenticated;

create view public.client_notes_shown with (security_invoker = true) as
select n.id, n.company_id, n.client_id, n.body, n.pinned, n.created_at, n.author_id,
       coalesce(nullif(btrim(u.full_name), ''), u.email) as author_name
from public.client_notes n
left join public.users u on u.company_id = n.company_id and u.id = n.author_id;
revoke all on public.client_notes_shown from anon;
grant select on public.client_notes_shown to authenticated;

create function public.add_client_note(p_client_id uuid, p_body text)
returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_company uuid := private.current_company_id();
  v_row public.client_notes;
begin
  if v_company is null or not exists (select from public.clients
                                      where company_id = v_company and id = p_client_id) then
    raise exception 'client not found' using errcode = 'PT404';
  end if;
  if coalesce(length(btrim(p_body)), 0) = 0 then
    raise exception 'a note needs text' using errcode = '22023';
  end if;
  if length(btrim(p_body)) > 4000 then
    raise exception 'note longer than 4000 characters' using errcode = '22001';
  end if;
  insert into public.client_notes (company_id, client_id, author_id, body)
  values (v_company, p_client_id, private.current_user_id(), btrim(p_body))
  returning * into v_row;
  return to_jsonb(v_row);
end
$$;
revoke execute on function public.add_client_note(uuid, text) from public, anon, service_role;
grant execute on function public.add_client_note(uuid, text) to authenticated;

create function public.pin_client_note(p_note_id uuid, p_pinned boolean)
returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_company uuid := private.current_company_id();
  v_row public.client_notes;
begin
  update public.client_notes set pinned = coalesce(p_pinned, false)
  where company_id = v_company and id = p_note_id
  returning * into v_row;
  if v_row.id is null then
    raise exception 'note not found' using errcode = 'PT404';
  end if;
  return to_jsonb(v_row);
end
$$;
revoke execute on function public.pin_client_note(uuid, boolean) from public, anon, service_role;
grant execute on function public.pin_client_note(uuid, boolean) to authenticated;
