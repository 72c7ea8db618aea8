-- Quick replies: the clinic's canned answers, written by its admins, used by everyone from the
-- composer (`/shortcut` or the picker). Variables such as {{nome}} are filled in by the app.
create table public.quick_replies (
  id uuid primary key default gen_random_uuid(),
  company_id uuid not null references public.companies (id) on delete cascade,
  shortcut text not null check (shortcut ~ '^[a-z0-9][a-z0-9_-]{0,31}$'),
  body text not null check (length(btrim(body)) between 1 and 4000),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (company_id, shortcut)
);

alter table public.quick_replies enable row level security;
create policy "members read" on public.quick_replies for select to authenticated
  using (company_id = (select private.current_company_id()));
create policy "admins insert" on public.quick_replies for insert to authenticated
  with check (company_id = (select private.current_company_id())
              and (select private.current_user_role()) = 'admin');
create policy "admins update" on public.quick_replies for update to authenticated
  using (company_id = (select private.current_company_id())
         and (select private.current_user_role()) = 'admin')
  with check (company_id = (select private.current_company_id()));
create policy "admins delete" on public.quick_replies for delete to authenticated
  using (company_id = (select private.current_company_id())
         and (select private.current_user_role()) = 'admin');
revoke all on public.quick_replies from anon, authenticated;
grant select, insert, delete on public.quick_replies to authenticated;
grant update (shortcut, body, updated_at) on public.quick_replies to authenticated;
