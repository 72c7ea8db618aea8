-- The agenda's writes (issue 12 item 3): booking and moving an appointment, each one
-- transaction that checks what the caller sends and lets the exclusion constraint
-- (appointments_no_double_booking) decide overlaps, so two receptionists (or n8n and a
-- receptionist) booking the same slot at once can never both win.
--
-- Security invoker: RLS decides which clients, services, members and appointments the caller
-- sees, so another clinic's ids read as unknown. Refusals name their reason in the hint:
--   ends_before_start, client, service, service_archived, professional (not an active
--   professional of the clinic), not_found, closed (a completed, cancelled or no-show
--   appointment does not move), conflict (DETAIL: the conflicting appointment's id).

-- The end a booking gets: the one asked for, or the start plus the service's duration.
create function private.appointment_end(p_company_id uuid, p_service_id uuid,
                                        p_starts_at timestamptz, p_ends_at timestamptz)
returns timestamptz
language plpgsql stable security invoker set search_path = '' as $$
declare
  v_service public.services;
begin
  if p_starts_at is null then
    raise exception 'starts_at is required' using errcode = '22023', hint = 'invalid';
  end if;
  select * into v_service from public.services
  where id = p_service_id and company_id = p_company_id;
  if v_service.id is null then
    raise exception 'service not found' using errcode = '22023', hint = 'service';
  end if;
  if v_service.archived_at is not null or not v_service.active then
    raise exception 'service % is archived', p_service_id using errcode = '22023',
      hint = 'service_archived';
  end if;
  return coalesce(p_ends_at, p_starts_at + make_interval(mins => v_service.duration_minutes));
end
$$;

-- What booking and moving both check: the time range and the professional.
create function private.check_appointment(p_company_id uuid, p_professional_id uuid,
                                          p_starts_at timestamptz, p_ends_at timestamptz)
returns void
language plpgsql stable security invoker set search_path = '' as $$
begin
  if p_ends_at <= p_starts_at then
    raise exception 'the end (%) is not after the start (%)', p_ends_at, p_starts_at
      using errcode = '22023', hint = 'ends_before_start';
  end if;
  if p_ends_at - p_starts_at > interval '24 hours' then
    raise exception 'an appointment lasts at most 24 hours' using errcode = '22023',
      hint = 'too_long';
  end if;
  if not exists (select from public.users u
                 where u.id = p_professional_id and u.company_id = p_company_id
                   and u.is_professional and u.status = 'active') then
    raise exception 'professional not found' using errcode = '22023', hint = 'professional';
  end if;
end
$$;

-- The active appointment of the professional that overlaps [starts, ends), other than p_except.
create function private.conflicting_appointment(p_company_id uuid, p_professional_id uuid,
                                                p_starts_at timestamptz, p_ends_at timestamptz,
                                                p_except uuid)
returns uuid
language sql stable security invoker set search_path = '' as $$
  select a.id from public.appointments a
  where a.company_id = p_company_id and a.professional_id = p_professional_id
    and a.status in ('scheduled', 'confirmed') and a.id is distinct from p_except
    and tstzrange(a.starts_at, a.ends_at, '[)') && tstzrange(p_starts_at, p_ends_at, '[)')
  order by a.starts_at limit 1
$$;

create function private.raise_conflict(p_company_id uuid, p_professional_id uuid,
                                       p_starts_at timestamptz, p_ends_at timestamptz,
                                       p_except uuid)
returns void
language plpgsql stable security invoker set search_path = '' as $$
begin
  raise exception 'the professional already has an appointment at that time'
    using errcode = 'PT409', hint = 'conflict',
          detail = coalesce(private.conflicting_appointment(
            p_company_id, p_professional_id, p_starts_at, p_ends_at, p_except)::text, '');
end
$$;

create function public.book_appointment(p_client_id uuid, p_professional_id uuid,
                                        p_service_id uuid, p_starts_at timestamptz,
                                        p_ends_at timestamptz default null,
                                        p_notes text default null)
returns jsonb
language plpgsql security invoker set search_path = '' as $$
declare
  v_company uuid := private.current_company_id();
  v_ends timestamptz;
  v_row public.appointments;
begin
  if v_company is null then
    raise exception 'not a member of a clinic' using errcode = 'PT403', hint = 'forbidden';
  end if;
  v_ends := private.appointment_end(v_company, p_service_id, p_starts_at, p_ends_at);
  perform private.check_appointment(v_company, p_professional_id, p_starts_at, v_ends);
  if not exists (select from public.clients c
                 where c.id = p_client_id and c.company_id = v_company) then
    raise exception 'client not found' using errcode = '22023', hint = 'client';
  end if;
  begin
    insert into public.appointments (company_id, client_id, service_id, professional_id,
                                     starts_at, ends_at, notes)
    values (v_company, p_client_id, p_service_id, p_professional_id, p_starts_at, v_ends,
            nullif(btrim(coalesce(p_notes, '')), ''))
    returning * into v_row;
  exception when exclusion_violation then
    perform private.raise_conflict(v_company, p_professional_id, p_starts_at, v_ends, null);
  end;
  return to_jsonb(v_row);
end
$$;

-- Another time (p_starts_at; null keeps it), end (null keeps the duration) or professional
-- (null keeps them). Only a scheduled or confirmed appointment moves.
create function public.move_appointment(p_id uuid, p_starts_at timestamptz,
                                        p_ends_at timestamptz, p_professional_id uuid)
returns jsonb
language plpgsql security invoker set search_path = '' as $$
declare
  v_company uuid := private.current_company_id();
  v_row public.appointments;
  v_starts timestamptz;
  v_ends timestamptz;
  v_professional uuid;
begin
  select * into v_row from public.appointments where id = p_id for update;
  if v_row.id is null then
    raise exception 'appointment not found' using errcode = 'PT404', hint = 'not_found';
  end if;
  if v_row.status not in ('scheduled', 'confirmed') then
    raise exception 'a % appointment does not move', v_row.status using errcode = '22023',
      hint = 'closed';
  end if;
  v_starts := coalesce(p_starts_at, v_row.starts_at);
  v_ends := coalesce(p_ends_at, v_starts + (v_row.ends_at - v_row.starts_at));
  v_professional := coalesce(p_professional_id, v_row.professional_id);
  perform private.check_appointment(v_company, v_professional, v_starts, v_ends);
  begin
    update public.appointments
    set starts_at = v_starts, ends_at = v_ends, professional_id = v_professional,
        updated_at = now()
    where id = p_id
    returning * into v_row;
  exception when exclusion_violation then
    perform private.raise_conflict(v_company, v_professional, v_starts, v_ends, p_id);
  end;
  return to_jsonb(v_row);
end
$$;

revoke execute on function private.appointment_end(uuid, uuid, timestamptz, timestamptz),
  private.check_appointment(uuid, uuid, timestamptz, timestamptz),
  private.conflicting_appointment(uuid, uuid, timestamptz, timestamptz, uuid),
  private.raise_conflict(uuid, uuid, timestamptz, timestamptz, uuid) from public, anon;
grant execute on function private.appointment_end(uuid, uuid, timestamptz, timestamptz),
  private.check_appointment(uuid, uuid, timestamptz, timestamptz),
  private.conflicting_appointment(uuid, uuid, timestamptz, timestamptz, uuid),
  private.raise_conflict(uuid, uuid, timestamptz, timestamptz, uuid) to authenticated;
revoke execute on function public.book_appointment(uuid, uuid, uuid, timestamptz, timestamptz,
                                                   text) from public, anon;
grant execute on function public.book_appointment(uuid, uuid, uuid, timestamptz, timestamptz,
                                                  text) to authenticated;
revoke execute on function public.move_appointment(uuid, timestamptz, timestamptz, uuid)
  from public, anon;
grant execute on function public.move_appointment(uuid, timestamptz, timestamptz, uuid)
  to authenticated;

-- What the agenda shows: the appointments starting in [p_from, p_to), with their client's
-- name, in one round trip (the week view reads hundreds). Security invoker: RLS scopes both
-- tables. Served by appointments_company_starts_idx (company_id, starts_at).
create function public.agenda_appointments(p_from timestamptz, p_to timestamptz,
                                           p_professional_id uuid default null,
                                           p_client_id uuid default null,
                                           p_with_cancelled boolean default true)
returns table (id uuid, client_id uuid, client_name text, service_id uuid,
               professional_id uuid, starts_at timestamptz, ends_at timestamptz, status text,
               notes text, cancel_reason text, created_at timestamptz, updated_at timestamptz)
language sql stable security invoker set search_path = '' as $$
  select a.id, a.client_id, c.full_name, a.service_id, a.professional_id, a.starts_at,
         a.ends_at, a.status, a.notes, a.cancel_reason, a.created_at, a.updated_at
  from public.appointments a
  join public.clients c on c.company_id = a.company_id and c.id = a.client_id
  where a.company_id = (select private.current_company_id())
    and a.starts_at >= p_from and a.starts_at < p_to
    and (p_professional_id is null or a.professional_id = p_professional_id)
    and (p_client_id is null or a.client_id = p_client_id)
    and (p_with_cancelled or a.status <> 'cancelled')
  order by a.starts_at, a.id
  limit 5000
$$;
revoke execute on function public.agenda_appointments(timestamptz, timestamptz, uuid, uuid,
                                                      boolean) from public, anon;
grant execute on function public.agenda_appointments(timestamptz, timestamptz, uuid, uuid,
                                                     boolean) to authenticated;
