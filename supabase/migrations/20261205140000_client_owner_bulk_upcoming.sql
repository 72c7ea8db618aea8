-- Issue 11 (items 1 and 7, remaining parts): who may own a client, the /clients list's "has an
-- upcoming appointment" filter, and the list's bulk actions.

-- A client's owner is an active member of the client's clinic. The foreign key already keeps
-- the clinic; this names the refusal (`owner`) and keeps out disabled and invited members. Only
-- a change is checked: a client keeps an owner who has left since.
create function private.refuse_inactive_owner() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if new.owner_id is not null
     and (tg_op = 'INSERT' or new.owner_id is distinct from old.owner_id)
     and not exists (select from public.users
                     where company_id = new.company_id and id = new.owner_id
                       and status = 'active') then
    raise exception 'the owner is not an active member of the clinic' using errcode = '22023',
      hint = 'owner';
  end if;
  return new;
end
$$;
revoke execute on function private.refuse_inactive_owner() from public, anon, authenticated;
create trigger refuse_inactive_owner before insert or update of owner_id on public.clients
  for each row execute function private.refuse_inactive_owner();

-- The list as /clients and GET /api/v1/clients filter it when asked for clients with an
-- appointment still to come (scheduled or confirmed). Security invoker: RLS on clients and
-- appointments applies. Filtered with `has_upcoming=eq.true`, the planner turns the EXISTS into
-- a semi-join over appointments_client_idx (company_id, client_id, starts_at desc). No CPF.
create view public.clients_listed with (security_invoker = true) as
select c.id, c.company_id, c.full_name, c.phone, c.email, c.instagram_id, c.whatsapp_id,
       c.source_channel, c.is_lead, c.pipeline_stage, c.tags, c.owner_id, c.birth_date,
       c.last_interaction_at, c.created_at, c.updated_at, c.search_name,
       exists (select from public.appointments a
               where a.company_id = c.company_id and a.client_id = c.id
                 and a.starts_at > now() and a.status in ('scheduled', 'confirmed'))
         as has_upcoming
from public.clients c;
revoke all on public.clients_listed from anon;
grant select on public.clients_listed to authenticated;
comment on view public.clients_listed is
  'Clients as the list filters them, with has_upcoming (an appointment still to come).';

-- Bulk actions on a selection of the list: one statement each, one transaction, as the caller
-- (security invoker: RLS decides; ids of another clinic match nothing). Each answers how many
-- clients it changed; a stage change is recorded per client by record_pipeline_stage_change.
create function private.bulk_ids(p_client_ids uuid[]) returns uuid[]
language plpgsql immutable set search_path = '' as $$
begin
  if coalesce(cardinality(p_client_ids), 0) > 1000 then
    raise exception 'at most 1000 clients at a time' using errcode = '22023',
      hint = 'too_many';
  end if;
  return coalesce(p_client_ids, '{}');
end
$$;

create function public.tag_clients(p_client_ids uuid[], p_tag text) returns integer
language plpgsql security invoker set search_path = '' as $$
declare
  v_tag text := btrim(coalesce(p_tag, ''));
  v_changed integer;
begin
  if length(v_tag) not between 1 and 60 then
    raise exception 'a tag has 1 to 60 characters' using errcode = '22023', hint = 'tag';
  end if;
  update public.clients c set tags = c.tags || v_tag, updated_at = now()
  where c.company_id = (select private.current_company_id())
    and c.id = any (private.bulk_ids(p_client_ids))
    and not exists (select from unnest(c.tags) as t(tag) where lower(t.tag) = lower(v_tag));
  get diagnostics v_changed = row_count;
  return v_changed;
end
$$;

create function public.untag_clients(p_client_ids uuid[], p_tag text) returns integer
language plpgsql security invoker set search_path = '' as $$
declare
  v_tag text := btrim(coalesce(p_tag, ''));
  v_changed integer;
begin
  update public.clients c
  set tags = array(select t.tag from unnest(c.tags) with ordinality as t(tag, n)
                   where lower(t.tag) <> lower(v_tag) order by t.n),
      updated_at = now()
  where c.company_id = (select private.current_company_id())
    and c.id = any (private.bulk_ids(p_client_ids))
    and exists (select from unnest(c.tags) as t(tag) where lower(t.tag) = lower(v_tag));
  get diagnostics v_changed = row_count;
  return v_changed;
end
$$;

create function public.move_clients(p_client_ids uuid[], p_stage text) returns integer
language plpgsql security invoker set search_path = '' as $$
declare
  v_company uuid := (select private.current_company_id());
  v_changed integer;
begin
  if not exists (select from public.pipeline_stages
                 where company_id = v_company and key = p_stage) then
    raise exception 'not one of the clinic''s stages' using errcode = '22023', hint = 'stage';
  end if;
  update public.clients c set pipeline_stage = p_stage, updated_at = now()
  where c.company_id = v_company and c.id = any (private.bulk_ids(p_client_ids))
    and c.pipeline_stage is distinct from p_stage;
  get diagnostics v_changed = row_count;
  return v_changed;
end
$$;

-- p_owner_id null: nobody owns them.
create function public.set_clients_owner(p_client_ids uuid[], p_owner_id uuid) returns integer
language plpgsql security invoker set search_path = '' as $$
declare
  v_company uuid := (select private.current_company_id());
  v_changed integer;
begin
  if p_owner_id is not null and not exists (select from public.users
                                            where company_id = v_company and id = p_owner_id
                                              and status = 'active') then
    raise exception 'the owner is not an active member of the clinic' using errcode = '22023',
      hint = 'owner';
  end if;
  update public.clients c set owner_id = p_owner_id, updated_at = now()
  where c.company_id = v_company
    and c.id = any (private.bulk_ids(p_client_ids))
    and c.owner_id is distinct from p_owner_id;
  get diagnostics v_changed = row_count;
  return v_changed;
end
$$;

revoke execute on function private.bulk_ids(uuid[]) from public, anon;
revoke execute on function public.tag_clients(uuid[], text) from public, anon, service_role;
revoke execute on function public.untag_clients(uuid[], text) from public, anon, service_role;
revoke execute on function public.move_clients(uuid[], text) from public, anon, service_role;
revoke execute on function public.set_clients_owner(uuid[], uuid)
  from public, anon, service_role;
grant execute on function private.bulk_ids(uuid[]) to authenticated;
grant execute on function public.tag_clients(uuid[], text) to authenticated;
grant execute on function public.untag_clients(uuid[], text) to authenticated;
grant execute on function public.move_clients(uuid[], text) to authenticated;
grant execute on function public.set_clients_owner(uuid[], uuid) to authenticated;
