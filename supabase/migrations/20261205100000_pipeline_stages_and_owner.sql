-- Issue 11: each clinic's own pipeline stages, a client's owner, and audit actions any migration
-- can add to.
--
-- Stages: every clinic gets the six that were a fixed list (new, contacted, qualified,
-- scheduled, won, lost), with the same keys so history, API callers and the home counters keep
-- their meaning. A default stage's label is null until an admin renames it, and the app shows it
-- in the reader's language; a stage an admin adds has a generated key and a label. Stages are
-- archived, never deleted: the history keeps naming them. `new` is where every new lead lands
-- (the column's default), so it cannot be archived.

create table public.pipeline_stages (
  id uuid primary key default gen_random_uuid(),
  company_id uuid not null references public.companies (id) on delete cascade,
  key text not null check (key ~ '^[a-z][a-z0-9_]{0,39}$'),
  label text check (label = btrim(label) and length(label) between 1 and 60),
  color text not null default 'gray' check (color in
    ('gray', 'blue', 'cyan', 'teal', 'green', 'grass', 'amber', 'orange', 'red', 'crimson',
     'pink', 'purple', 'violet', 'indigo', 'brown')),
  position integer not null check (position >= 0),
  archived_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (company_id, id),
  unique (company_id, key),
  check (label is not null or key in ('new', 'contacted', 'qualified', 'scheduled', 'won', 'lost')),
  check (key <> 'new' or archived_at is null)
);
create index pipeline_stages_order_idx on public.pipeline_stages (company_id, position);
create trigger touch_updated_at before update on public.pipeline_stages
  for each row execute function private.touch_updated_at();
comment on table public.pipeline_stages is
  'A clinic''s pipeline stages; written by admins through save/reorder/archive functions.';

alter table public.pipeline_stages enable row level security;
create policy "members read stages" on public.pipeline_stages for select to authenticated
  using (company_id = (select private.current_company_id()));
revoke all on public.pipeline_stages from anon, authenticated;
grant select on public.pipeline_stages to authenticated;
grant select on public.pipeline_stages to service_role;

create function private.seed_pipeline_stages(p_company_id uuid) returns void
language sql security definer set search_path = '' as $$
  insert into public.pipeline_stages (company_id, key, color, position)
  values (p_company_id, 'new', 'blue', 0), (p_company_id, 'contacted', 'cyan', 1),
         (p_company_id, 'qualified', 'violet', 2), (p_company_id, 'scheduled', 'amber', 3),
         (p_company_id, 'won', 'green', 4), (p_company_id, 'lost', 'gray', 5)
  on conflict (company_id, key) do nothing
$$;
revoke execute on function private.seed_pipeline_stages(uuid) from public, anon, authenticated;

create function private.seed_stages_of_new_company() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform private.seed_pipeline_stages(new.id);
  return new;
end
$$;
revoke execute on function private.seed_stages_of_new_company() from public, anon, authenticated;
create trigger seed_pipeline_stages after insert on public.companies
  for each row execute function private.seed_stages_of_new_company();

select private.seed_pipeline_stages(id) from public.companies;

alter table public.clients drop constraint clients_pipeline_stage_check;
alter table public.clients add constraint clients_stage_of_the_clinic
  foreign key (company_id, pipeline_stage) references public.pipeline_stages (company_id, key);

-- Nobody is put into an archived stage (its clients were moved out when it was archived).
create function private.refuse_archived_stage() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if (tg_op = 'INSERT' or new.pipeline_stage is distinct from old.pipeline_stage)
     and exists (select from public.pipeline_stages
                 where company_id = new.company_id and key = new.pipeline_stage
                   and archived_at is not null) then
    raise exception 'stage % is archived', new.pipeline_stage using errcode = '22023',
      hint = 'stage_archived';
  end if;
  return new;
end
$$;
revoke execute on function private.refuse_archived_stage() from public, anon, authenticated;
create trigger refuse_archived_stage before insert or update of pipeline_stage on public.clients
  for each row execute function private.refuse_archived_stage();

-- The client's owner: the member who looks after them (not who answers a conversation, which is
-- the conversation's assignee).
alter table public.clients add column owner_id uuid;
alter table public.clients add constraint clients_owner_is_a_member
  foreign key (company_id, owner_id) references public.users (company_id, id)
  on delete set null (owner_id);
create index clients_owner_idx on public.clients (company_id, owner_id);

-- Audit actions: a table instead of a check constraint, so a migration adds its actions with an
-- insert instead of restating (and possibly dropping) everyone else's.
create table private.audit_actions (action text primary key);
-- Every action the check constraint lists today (read from the constraint itself, which later
-- migrations restated), the ones used so far, and this migration's.
insert into private.audit_actions (action)
select (regexp_matches(pg_get_constraintdef(oid), '''([a-z_.]+)''', 'g'))[1]
from pg_constraint where conname = 'audit_log_known_action'
union select distinct action from public.audit_log
union select unnest(array['pipeline.stage_saved', 'pipeline.stages_reordered',
                          'pipeline.stage_archived', 'pipeline.stage_restored'])
on conflict do nothing;
alter table public.audit_log drop constraint audit_log_known_action;
alter table public.audit_log add constraint audit_log_known_action
  foreign key (action) references private.audit_actions (action);
create index audit_log_action_idx on public.audit_log (action);

create function private.audit(p_company_id uuid, p_action text, p_entity text, p_entity_id uuid,
                              p_details jsonb default '{}') returns void
language sql security definer set search_path = '' as $$
  insert into public.audit_log (company_id, actor_user_id, action, entity, entity_id, details)
  values (p_company_id, private.current_user_id(), p_action, p_entity, p_entity_id,
          coalesce(p_details, '{}'))
$$;
revoke execute on function private.audit(uuid, text, text, uuid, jsonb)
  from public, anon, authenticated;

-- Admins: add a stage (p_key null: a generated key) or rename/recolor one.
create function public.save_pipeline_stage(p_key text, p_label text, p_color text)
returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_company uuid := private.admin_company_id();
  v_label text := nullif(btrim(coalesce(p_label, '')), '');
  v_row public.pipeline_stages;
begin
  if v_label is null and (p_key is null
      or p_key not in ('new', 'contacted', 'qualified', 'scheduled', 'won', 'lost')) then
    raise exception 'a stage needs a name' using errcode = '22023', hint = 'label_required';
  end if;
  if length(v_label) > 60 then
    raise exception 'stage name longer than 60 characters' using errcode = '22001',
      hint = 'label_too_long';
  end if;
  if p_key is null then
    insert into public.pipeline_stages (company_id, key, label, color, position)
    values (v_company, 's_' || substr(replace(gen_random_uuid()::text, '-', ''), 1, 10),
            v_label, coalesce(p_color, 'gray'),
            coalesce((select max(position) + 1 from public.pipeline_stages
                      where company_id = v_company), 0))
    returning * into v_row;
  else
    update public.pipeline_stages
    set label = v_label, color = coalesce(p_color, color)
    where company_id = v_company and key = p_key
    returning * into v_row;
    if v_row.id is null then
      raise exception 'stage not found' using errcode = 'PT404';
    end if;
  end if;
  perform private.audit(v_company, 'pipeline.stage_saved', 'pipeline_stage', v_row.id,
                        jsonb_build_object('key', v_row.key, 'label', v_row.label,
                                           'color', v_row.color));
  return to_jsonb(v_row);
end
$$;

-- Admins: the stages' order, as the full list of the clinic's keys (archived ones included).
create function public.reorder_pipeline_stages(p_keys text[])
returns void
language plpgsql security definer set search_path = '' as $$
declare
  v_company uuid := private.admin_company_id();
begin
  if (select array_agg(key order by key) from public.pipeline_stages
      where company_id = v_company)
     is distinct from (select array_agg(k order by k) from unnest(p_keys) as k) then
    raise exception 'the order must list each of the clinic''s stages once'
      using errcode = '22023', hint = 'order';
  end if;
  update public.pipeline_stages s set position = o.n - 1
  from unnest(p_keys) with ordinality as o(key, n)
  where s.company_id = v_company and s.key = o.key;
  perform private.audit(v_company, 'pipeline.stages_reordered', 'pipeline_stage', null,
                        jsonb_build_object('keys', to_jsonb(p_keys)));
end
$$;

-- Admins: archive a stage, moving its clients to p_move_to first (each move recorded in the
-- stage history with the admin); refused while it has clients and no destination.
create function public.archive_pipeline_stage(p_key text, p_move_to text default null)
returns integer
language plpgsql security definer set search_path = '' as $$
declare
  v_company uuid := private.admin_company_id();
  v_stage public.pipeline_stages;
  v_moved integer := 0;
begin
  select * into v_stage from public.pipeline_stages
  where company_id = v_company and key = p_key for update;
  if v_stage.id is null then
    raise exception 'stage not found' using errcode = 'PT404';
  end if;
  if p_key = 'new' then
    raise exception 'new leads land in this stage' using errcode = '22023', hint = 'stage_new';
  end if;
  if exists (select from public.clients where company_id = v_company and pipeline_stage = p_key)
  then
    if p_move_to is null or p_move_to = p_key or not exists (
        select from public.pipeline_stages where company_id = v_company and key = p_move_to
          and archived_at is null) then
      raise exception 'the stage has clients: choose where they go'
        using errcode = '22023', hint = 'move_to';
    end if;
    update public.clients set pipeline_stage = p_move_to, updated_at = now()
    where company_id = v_company and pipeline_stage = p_key;
    get diagnostics v_moved = row_count;
  end if;
  update public.pipeline_stages set archived_at = now() where id = v_stage.id;
  perform private.audit(v_company, 'pipeline.stage_archived', 'pipeline_stage', v_stage.id,
                        jsonb_build_object('key', p_key, 'moved_to', p_move_to,
                                           'clients_moved', v_moved));
  return v_moved;
end
$$;

create function public.restore_pipeline_stage(p_key text)
returns void
language plpgsql security definer set search_path = '' as $$
declare
  v_company uuid := private.admin_company_id();
  v_id uuid;
begin
  update public.pipeline_stages set archived_at = null
  where company_id = v_company and key = p_key returning id into v_id;
  if v_id is null then
    raise exception 'stage not found' using errcode = 'PT404';
  end if;
  perform private.audit(v_company, 'pipeline.stage_restored', 'pipeline_stage', v_id,
                        jsonb_build_object('key', p_key));
end
$$;

revoke execute on function public.save_pipeline_stage(text, text, text) from public, anon, service_role;
revoke execute on function public.reorder_pipeline_stages(text[]) from public, anon, service_role;
revoke execute on function public.archive_pipeline_stage(text, text) from public, anon, service_role;
revoke execute on function public.restore_pipeline_stage(text) from public, anon, service_role;
grant execute on function public.save_pipeline_stage(text, text, text) to authenticated;
grant execute on function public.reorder_pipeline_stages(text[]) to authenticated;
grant execute on function public.archive_pipeline_stage(text, text) to authenticated;
grant execute on function public.restore_pipeline_stage(text) to authenticated;
