-- Row-level security: every public table, policies for `authenticated` only, scoped to the
-- signed-in user's company. The helpers are security definer (they read public.users, which RLS
-- would otherwise hide from them) and live in `private`, which the API does not expose. Policies
-- call them as `(select ...)` so they run once per statement, not once per row.

create function private.current_company_id() returns uuid
language sql stable security definer set search_path = '' as $$
  select u.company_id from public.users u
  where u.auth_user_id = (select auth.uid()) and u.status = 'active'
$$;

create function private.current_user_role() returns text
language sql stable security definer set search_path = '' as $$
  select u.role from public.users u
  where u.auth_user_id = (select auth.uid()) and u.status = 'active' and u.company_id is not null
$$;

create function private.current_user_id() returns uuid
language sql stable security definer set search_path = '' as $$
  select u.id from public.users u
  where u.auth_user_id = (select auth.uid()) and u.status = 'active' and u.company_id is not null
$$;

revoke execute on all functions in schema private from public, anon;
grant execute on all functions in schema private to authenticated, service_role;

-- Clinical tables: any active member of the company reads and writes them.
do $$
declare
  t text;
begin
  foreach t in array array['clients', 'services', 'appointments', 'payments',
                           'conversation_threads', 'interactions', 'ai_context_snapshots']
  loop
    execute format('alter table public.%I enable row level security', t);
    execute format('create policy "members read" on public.%I for select to authenticated '
                   'using (company_id = (select private.current_company_id()))', t);
    execute format('create policy "members insert" on public.%I for insert to authenticated '
                   'with check (company_id = (select private.current_company_id()))', t);
    execute format('create policy "members update" on public.%I for update to authenticated '
                   'using (company_id = (select private.current_company_id())) '
                   'with check (company_id = (select private.current_company_id()))', t);
    execute format('create policy "members delete" on public.%I for delete to authenticated '
                   'using (company_id = (select private.current_company_id()))', t);
  end loop;
end
$$;

-- Admin-written tables: members read, admins write.
do $$
declare
  t text;
begin
  foreach t in array array['settings', 'integrations']
  loop
    execute format('alter table public.%I enable row level security', t);
    execute format('create policy "members read" on public.%I for select to authenticated '
                   'using (company_id = (select private.current_company_id()))', t);
    execute format('create policy "admins insert" on public.%I for insert to authenticated '
                   'with check (company_id = (select private.current_company_id()) '
                   'and (select private.current_user_role()) = ''admin'')', t);
    execute format('create policy "admins update" on public.%I for update to authenticated '
                   'using (company_id = (select private.current_company_id()) '
                   'and (select private.current_user_role()) = ''admin'') '
                   'with check (company_id = (select private.current_company_id()))', t);
    execute format('create policy "admins delete" on public.%I for delete to authenticated '
                   'using (company_id = (select private.current_company_id()) '
                   'and (select private.current_user_role()) = ''admin'')', t);
  end loop;
end
$$;

-- Integration secrets: the server writes ciphertext, nobody signed in reads it back.
revoke select on public.integrations from anon, authenticated;
grant select (id, company_id, channel, provider, status, public_key, outbound_url, key_version,
              last_used_at, created_at, updated_at)
  on public.integrations to authenticated;

alter table public.companies enable row level security;
create policy "members read" on public.companies for select to authenticated
  using (id = (select private.current_company_id()));
create policy "admins update" on public.companies for update to authenticated
  using (id = (select private.current_company_id()) and (select private.current_user_role()) = 'admin')
  with check (id = (select private.current_company_id()));

-- Team: members see their colleagues; admins change role and status. Rows are created by the
-- auth sync trigger and by create_company, never directly by a signed-in user.
alter table public.users enable row level security;
create policy "members read" on public.users for select to authenticated
  using (company_id = (select private.current_company_id()));
create policy "admins update" on public.users for update to authenticated
  using (company_id = (select private.current_company_id()) and (select private.current_user_role()) = 'admin')
  with check (company_id = (select private.current_company_id()));
revoke insert, update, delete on public.users from anon, authenticated;
grant update (role, status, full_name, locale) on public.users to authenticated;

-- Append-only history: nobody updates or deletes it through the API.
alter table public.pipeline_stage_changes enable row level security;
create policy "members read" on public.pipeline_stage_changes for select to authenticated
  using (company_id = (select private.current_company_id()));
revoke insert, update, delete, truncate on public.pipeline_stage_changes from anon, authenticated;

alter table public.audit_log enable row level security;
create policy "admins read" on public.audit_log for select to authenticated
  using (company_id = (select private.current_company_id()) and (select private.current_user_role()) = 'admin');
create policy "members append" on public.audit_log for insert to authenticated
  with check (company_id = (select private.current_company_id())
              and actor_user_id = (select private.current_user_id()));
revoke update, delete, truncate on public.audit_log from anon, authenticated;

-- Nothing in public is for anonymous callers.
revoke all on all tables in schema public from anon;

-- Stage changes are recorded by the database itself, so no code path can forget them.
create function private.record_pipeline_stage_change() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if tg_op = 'INSERT' or new.pipeline_stage is distinct from old.pipeline_stage then
    insert into public.pipeline_stage_changes (company_id, client_id, from_stage, to_stage, changed_by)
    values (new.company_id, new.id, case when tg_op = 'UPDATE' then old.pipeline_stage end,
            new.pipeline_stage, private.current_user_id());
  end if;
  return null;
end
$$;
revoke execute on function private.record_pipeline_stage_change() from public, anon, authenticated;
create trigger record_pipeline_stage_change after insert or update of pipeline_stage on public.clients
  for each row execute function private.record_pipeline_stage_change();
