-- Issue 12's foundation (agenda, services, professionals): what several parts build on.
--
-- * Members can be professionals, with specialties and a weekly working-hours template in the
--   same shape as the clinic's (`{"mon": [{"start": "08:00", "end": "12:00"}, ...], ...}`).
-- * Services get a color and are archived (never deleted once booked).
-- * No professional is ever booked twice at once: an exclusion constraint over the professional
--   and the time range of every active (scheduled or confirmed) appointment. Whatever path
--   writes, two overlapping bookings cannot both commit.
-- * Every status an appointment takes is recorded with who and when (trigger), and
--   `set_appointment_status` is the one transition rule: scheduled -> confirmed -> completed, or
--   cancelled (with a reason) or no-show from scheduled or confirmed.

create extension if not exists btree_gist with schema extensions;

alter table public.users
  add column is_professional boolean not null default false,
  add column specialties text[] not null default '{}'
    check (cardinality(specialties) <= 20
           and array_to_string(specialties, '') !~ '[[:cntrl:]]'
           and length(array_to_string(specialties, '|')) <= 2000),
  add column working_hours jsonb not null default '{}'
    check (private.is_working_hours(working_hours));

alter table public.services
  add column color text not null default 'blue' check (color in
    ('gray', 'blue', 'cyan', 'teal', 'green', 'grass', 'amber', 'orange', 'red', 'crimson',
     'pink', 'purple', 'violet', 'indigo', 'brown')),
  add column archived_at timestamptz;

alter table public.appointments
  add column cancel_reason text check (length(cancel_reason) <= 500),
  add constraint appointments_no_double_booking exclude using gist (
    company_id with =, professional_id with =, tstzrange(starts_at, ends_at, '[)') with &&)
    where (professional_id is not null and status in ('scheduled', 'confirmed'));

create table public.appointment_status_changes (
  id uuid primary key default gen_random_uuid(),
  company_id uuid not null references public.companies (id) on delete cascade,
  appointment_id uuid not null,
  from_status text,
  to_status text not null,
  reason text check (length(reason) <= 500),
  changed_by uuid,
  changed_at timestamptz not null default now(),
  foreign key (company_id, appointment_id)
    references public.appointments (company_id, id) on delete cascade,
  foreign key (company_id, changed_by)
    references public.users (company_id, id) on delete set null (changed_by)
);
create index appointment_status_changes_appointment_idx
  on public.appointment_status_changes (company_id, appointment_id, changed_at);
create index appointment_status_changes_changed_by_idx
  on public.appointment_status_changes (company_id, changed_by);
comment on table public.appointment_status_changes is
  'Every status an appointment took, with who and when; written only by a trigger.';
alter table public.appointment_status_changes enable row level security;
create policy "members read status changes" on public.appointment_status_changes
  for select to authenticated using (company_id = (select private.current_company_id()));
revoke all on public.appointment_status_changes from anon, authenticated;
grant select on public.appointment_status_changes to authenticated;

create function private.record_appointment_status() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if tg_op = 'INSERT' or new.status is distinct from old.status then
    insert into public.appointment_status_changes
      (company_id, appointment_id, from_status, to_status, reason, changed_by)
    values (new.company_id, new.id, case when tg_op = 'UPDATE' then old.status end, new.status,
            case when new.status = 'cancelled' then new.cancel_reason end,
            private.current_user_id());
  end if;
  return new;
end
$$;
revoke execute on function private.record_appointment_status() from public, anon, authenticated;
create trigger record_appointment_status after insert or update of status on public.appointments
  for each row execute function private.record_appointment_status();

-- The one transition rule. Security invoker: RLS decides whose appointment it is.
create function public.set_appointment_status(p_appointment_id uuid, p_status text,
                                              p_reason text default null)
returns jsonb
language plpgsql security invoker set search_path = '' as $$
declare
  v_row public.appointments;
  v_reason text := nullif(btrim(coalesce(p_reason, '')), '');
begin
  select * into v_row from public.appointments where id = p_appointment_id for update;
  if v_row.id is null then
    raise exception 'appointment not found' using errcode = 'PT404';
  end if;
  if v_row.status = p_status then
    return to_jsonb(v_row);
  end if;
  if not (v_row.status, p_status) in (
      ('scheduled', 'confirmed'), ('scheduled', 'completed'), ('scheduled', 'cancelled'),
      ('scheduled', 'no_show'), ('confirmed', 'completed'), ('confirmed', 'cancelled'),
      ('confirmed', 'no_show')) then
    raise exception 'an appointment % cannot become %', v_row.status, p_status
      using errcode = '22023', hint = 'transition';
  end if;
  if length(v_reason) > 500 then
    raise exception 'reason longer than 500 characters' using errcode = '22001',
      hint = 'reason_too_long';
  end if;
  update public.appointments
  set status = p_status, updated_at = now(),
      cancel_reason = case when p_status = 'cancelled' then v_reason else cancel_reason end
  where id = p_appointment_id
  returning * into v_row;
  return to_jsonb(v_row);
end
$$;
revoke execute on function public.set_appointment_status(uuid, text, text) from public, anon;
grant execute on function public.set_appointment_status(uuid, text, text) to authenticated;
