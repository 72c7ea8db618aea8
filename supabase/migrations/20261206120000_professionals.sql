-- Issue 12 item 2: professionals (flag, specialties, weekly hours), their exceptions (time off,
-- extra hours), the clinic's own closures, and each professional's private calendar feed.
--
-- * Members read everything here (the agenda shades hours and marks closures); admins write it
--   only through the checked definer functions below, each of which writes the audit trail.
-- * National holidays are not stored: the app computes them (the `holidays` library) for the
--   country of the clinic's time zone.
-- * A calendar feed is a random token the app shows once; only its SHA-256 is kept, and the
--   token column is readable by nobody but the service role (the public .ics route).

create table public.professional_exceptions (
  id uuid primary key default gen_random_uuid(),
  company_id uuid not null references public.companies (id) on delete cascade,
  user_id uuid not null,
  kind text not null check (kind in ('time_off', 'extra_hours')),
  starts_on date not null,
  ends_on date not null,
  -- both null: the whole of each day (time off only); else the same hours on each day
  start_time time,
  end_time time,
  note text check (length(note) <= 200 and note !~ '[[:cntrl:]]'),
  created_at timestamptz not null default now(),
  unique (company_id, id),
  foreign key (company_id, user_id) references public.users (company_id, id) on delete cascade,
  check (ends_on >= starts_on and ends_on - starts_on <= 366),
  check ((start_time is null) = (end_time is null)),
  check (start_time is null or start_time < end_time),
  check (kind = 'time_off' or start_time is not null)
);
create index professional_exceptions_user_idx
  on public.professional_exceptions (company_id, user_id, starts_on);
comment on table public.professional_exceptions is
  'A professional''s time off or extra hours on a range of dates; written by admins through '
  'add/remove_professional_exception.';
alter table public.professional_exceptions enable row level security;
create policy "members read exceptions" on public.professional_exceptions
  for select to authenticated using (company_id = (select private.current_company_id()));
revoke all on public.professional_exceptions from anon, authenticated;
grant select on public.professional_exceptions to authenticated, service_role;

create table public.clinic_closures (
  id uuid primary key default gen_random_uuid(),
  company_id uuid not null references public.companies (id) on delete cascade,
  on_date date not null,
  label text check (label = btrim(label) and length(label) between 1 and 100
                    and label !~ '[[:cntrl:]]'),
  created_at timestamptz not null default now(),
  unique (company_id, on_date)
);
comment on table public.clinic_closures is
  'Days the clinic itself is closed (besides national holidays); written by admins through '
  'save/remove_clinic_closure.';
alter table public.clinic_closures enable row level security;
create policy "members read closures" on public.clinic_closures
  for select to authenticated using (company_id = (select private.current_company_id()));
revoke all on public.clinic_closures from anon, authenticated;
grant select on public.clinic_closures to authenticated, service_role;

create table public.professional_calendar_feeds (
  id uuid primary key default gen_random_uuid(),
  company_id uuid not null references public.companies (id) on delete cascade,
  user_id uuid not null,
  token_sha256 text not null unique check (token_sha256 ~ '^[0-9a-f]{64}$'),
  created_at timestamptz not null default now(),
  unique (company_id, user_id),
  foreign key (company_id, user_id) references public.users (company_id, id) on delete cascade
);
comment on table public.professional_calendar_feeds is
  'A professional''s private iCalendar feed: the SHA-256 of its token (the token itself is '
  'shown once and never stored). Admins see whether one exists; the feed route reads the hash.';
alter table public.professional_calendar_feeds enable row level security;
create policy "admins read feeds" on public.professional_calendar_feeds
  for select to authenticated using (company_id = (select private.current_company_id())
                                     and (select private.current_user_role()) = 'admin');
revoke all on public.professional_calendar_feeds from anon, authenticated;
grant select (id, company_id, user_id, created_at) on public.professional_calendar_feeds
  to authenticated;
grant select on public.professional_calendar_feeds to service_role;

insert into private.audit_actions (action) values
  ('professional.saved'), ('professional.exception_added'), ('professional.exception_removed'),
  ('professional.feed_rotated'), ('professional.feed_revoked'), ('clinic.closure_saved'),
  ('clinic.closure_removed')
on conflict do nothing;

-- Two intervals of one day that overlap (given hours that private.is_working_hours accepts:
-- "HH:MM" strings compare as times).
create function private.professional_hours_overlap(p_hours jsonb) returns boolean
language sql immutable set search_path = '' as $$
  select exists (
    select from jsonb_each(p_hours) as day(key, intervals),
         jsonb_array_elements(day.intervals) with ordinality as a(v, i),
         jsonb_array_elements(day.intervals) with ordinality as b(v, j)
    where a.i < b.j and (a.v ->> 'start') < (b.v ->> 'end') and (b.v ->> 'start') < (a.v ->> 'end'))
$$;

create function private.professional_json(p_row public.users) returns jsonb
language sql immutable set search_path = '' as $$
  select jsonb_build_object('id', p_row.id, 'full_name', p_row.full_name, 'email', p_row.email,
                            'role', p_row.role, 'status', p_row.status,
                            'is_professional', p_row.is_professional,
                            'specialties', to_jsonb(p_row.specialties),
                            'working_hours', p_row.working_hours)
$$;
revoke execute on function private.professional_json(public.users) from public, anon, authenticated;

-- Admins: a member's professional flag, specialties and weekly hours; a null argument keeps what
-- the member has. Specialties are trimmed, blanks dropped, repeats (any case) kept once. A member
-- who stops being a professional loses their calendar feed.
create function public.save_professional(p_user_id uuid, p_is_professional boolean default null,
                                         p_specialties text[] default null,
                                         p_working_hours jsonb default null)
returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_company uuid := private.admin_company_id();
  v_specialties text[];
  v_row public.users;
begin
  if p_working_hours is not null then
    if not private.is_working_hours(p_working_hours) then
      raise exception 'working hours must be {"mon": [{"start": "HH:MM", "end": "HH:MM"}], ...} '
        'with each start before its end' using errcode = '22023', hint = 'hours_invalid';
    end if;
    if private.professional_hours_overlap(p_working_hours) then
      raise exception 'two intervals of one day overlap' using errcode = '22023',
        hint = 'hours_overlap';
    end if;
  end if;
  if p_specialties is not null then
    select coalesce(array_agg(s order by n), '{}') into v_specialties
    from (select distinct on (lower(s)) s, n
          from (select btrim(regexp_replace(x, '\s+', ' ', 'g')) as s, n
                from unnest(p_specialties) with ordinality as u(x, n)) as cleaned
          where s <> '' order by lower(s), n) as once;
    if exists (select from unnest(v_specialties) as s where length(s) > 60) then
      raise exception 'a specialty is longer than 60 characters' using errcode = '22023',
        hint = 'specialty_too_long';
    end if;
    if cardinality(v_specialties) > 20 then
      raise exception 'more than 20 specialties' using errcode = '22023',
        hint = 'too_many_specialties';
    end if;
  end if;
  update public.users
  set is_professional = coalesce(p_is_professional, is_professional),
      specialties = coalesce(v_specialties, specialties),
      working_hours = coalesce(p_working_hours, working_hours), updated_at = now()
  where company_id = v_company and id = p_user_id
  returning * into v_row;
  if v_row.id is null then
    raise exception 'member not found' using errcode = 'PT404';
  end if;
  if not v_row.is_professional then
    delete from public.professional_calendar_feeds
    where company_id = v_company and user_id = v_row.id;
  end if;
  perform private.audit(v_company, 'professional.saved', 'user', v_row.id,
                        jsonb_build_object('is_professional', v_row.is_professional,
                                           'specialties', to_jsonb(v_row.specialties),
                                           'working_hours', v_row.working_hours));
  return private.professional_json(v_row);
end
$$;

create function private.clinic_professional(p_company_id uuid, p_user_id uuid) returns void
language plpgsql stable security definer set search_path = '' as $$
begin
  if not exists (select from public.users where company_id = p_company_id and id = p_user_id) then
    raise exception 'member not found' using errcode = 'PT404';
  end if;
  if not exists (select from public.users where company_id = p_company_id and id = p_user_id
                   and is_professional) then
    raise exception 'the member is not a professional' using errcode = '22023',
      hint = 'not_professional';
  end if;
end
$$;
revoke execute on function private.clinic_professional(uuid, uuid) from public, anon, authenticated;

-- Admins: time off (whole days, or the same hours on each day of the range) or extra hours.
create function public.add_professional_exception(
  p_user_id uuid, p_kind text, p_starts_on date, p_ends_on date default null,
  p_start_time time default null, p_end_time time default null, p_note text default null)
returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_company uuid := private.admin_company_id();
  v_ends date := coalesce(p_ends_on, p_starts_on);
  v_note text := nullif(btrim(coalesce(p_note, '')), '');
  v_row public.professional_exceptions;
begin
  perform private.clinic_professional(v_company, p_user_id);
  if p_kind is null or p_kind not in ('time_off', 'extra_hours') then
    raise exception 'kind is time_off or extra_hours' using errcode = '22023', hint = 'kind';
  end if;
  if p_starts_on is null then
    raise exception 'a date is required' using errcode = '22023', hint = 'date_required';
  end if;
  if v_ends < p_starts_on then
    raise exception 'the range ends before it starts' using errcode = '22023',
      hint = 'dates_order';
  end if;
  if v_ends - p_starts_on > 366 then
    raise exception 'a range covers at most a year' using errcode = '22023',
      hint = 'range_too_long';
  end if;
  if (p_start_time is null) <> (p_end_time is null) then
    raise exception 'give both times or neither' using errcode = '22023',
      hint = 'times_incomplete';
  end if;
  if p_kind = 'extra_hours' and p_start_time is null then
    raise exception 'extra hours need a start and an end' using errcode = '22023',
      hint = 'times_required';
  end if;
  if p_start_time >= p_end_time then
    raise exception 'the start must come before the end' using errcode = '22023',
      hint = 'times_order';
  end if;
  if length(v_note) > 200 then
    raise exception 'note longer than 200 characters' using errcode = '22001',
      hint = 'note_too_long';
  end if;
  insert into public.professional_exceptions
    (company_id, user_id, kind, starts_on, ends_on, start_time, end_time, note)
  values (v_company, p_user_id, p_kind, p_starts_on, v_ends, p_start_time, p_end_time,
          regexp_replace(v_note, '[[:cntrl:]]', ' ', 'g'))
  returning * into v_row;
  perform private.audit(v_company, 'professional.exception_added', 'professional_exception',
                        v_row.id, to_jsonb(v_row) - 'company_id' - 'created_at');
  return to_jsonb(v_row);
end
$$;

create function public.remove_professional_exception(p_id uuid) returns void
language plpgsql security definer set search_path = '' as $$
declare
  v_company uuid := private.admin_company_id();
  v_row public.professional_exceptions;
begin
  delete from public.professional_exceptions where company_id = v_company and id = p_id
  returning * into v_row;
  if v_row.id is null then
    raise exception 'exception not found' using errcode = 'PT404';
  end if;
  perform private.audit(v_company, 'professional.exception_removed', 'professional_exception',
                        v_row.id, to_jsonb(v_row) - 'company_id' - 'created_at');
end
$$;

-- Admins: a day the clinic is closed (saving the same date again renames it).
create function public.save_clinic_closure(p_on date, p_label text default null) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_company uuid := private.admin_company_id();
  v_label text := nullif(btrim(regexp_replace(coalesce(p_label, ''), '\s+', ' ', 'g')), '');
  v_row public.clinic_closures;
begin
  if p_on is null then
    raise exception 'a date is required' using errcode = '22023', hint = 'date_required';
  end if;
  if length(v_label) > 100 then
    raise exception 'label longer than 100 characters' using errcode = '22001',
      hint = 'label_too_long';
  end if;
  insert into public.clinic_closures (company_id, on_date, label)
  values (v_company, p_on, v_label)
  on conflict (company_id, on_date) do update set label = excluded.label
  returning * into v_row;
  perform private.audit(v_company, 'clinic.closure_saved', 'clinic_closure', v_row.id,
                        jsonb_build_object('on_date', v_row.on_date, 'label', v_row.label));
  return to_jsonb(v_row);
end
$$;

create function public.remove_clinic_closure(p_id uuid) returns void
language plpgsql security definer set search_path = '' as $$
declare
  v_company uuid := private.admin_company_id();
  v_row public.clinic_closures;
begin
  delete from public.clinic_closures where company_id = v_company and id = p_id
  returning * into v_row;
  if v_row.id is null then
    raise exception 'closure not found' using errcode = 'PT404';
  end if;
  perform private.audit(v_company, 'clinic.closure_removed', 'clinic_closure', v_row.id,
                        jsonb_build_object('on_date', v_row.on_date, 'label', v_row.label));
end
$$;

-- Admins: a new feed token for a professional (the app made it and shows it once; this keeps
-- its SHA-256, replacing the previous one, which stops working at once).
create function public.rotate_calendar_feed(p_user_id uuid, p_token_sha256 text) returns void
language plpgsql security definer set search_path = '' as $$
declare
  v_company uuid := private.admin_company_id();
  v_id uuid;
begin
  perform private.clinic_professional(v_company, p_user_id);
  if p_token_sha256 is null or p_token_sha256 !~ '^[0-9a-f]{64}$' then
    raise exception 'a SHA-256 in hex is expected' using errcode = '22023', hint = 'token';
  end if;
  insert into public.professional_calendar_feeds (company_id, user_id, token_sha256)
  values (v_company, p_user_id, p_token_sha256)
  on conflict (company_id, user_id)
  do update set token_sha256 = excluded.token_sha256, created_at = now()
  returning id into v_id;
  perform private.audit(v_company, 'professional.feed_rotated', 'user', p_user_id,
                        jsonb_build_object('feed_id', v_id));
end
$$;

create function public.revoke_calendar_feed(p_user_id uuid) returns void
language plpgsql security definer set search_path = '' as $$
declare
  v_company uuid := private.admin_company_id();
  v_id uuid;
begin
  delete from public.professional_calendar_feeds where company_id = v_company
    and user_id = p_user_id returning id into v_id;
  if v_id is null then
    raise exception 'no feed to revoke' using errcode = 'PT404';
  end if;
  perform private.audit(v_company, 'professional.feed_revoked', 'user', p_user_id,
                        jsonb_build_object('feed_id', v_id));
end
$$;

revoke execute on function public.save_professional(uuid, boolean, text[], jsonb)
  from public, anon, service_role;
revoke execute on function public.add_professional_exception(uuid, text, date, date, time, time,
                                                             text) from public, anon, service_role;
revoke execute on function public.remove_professional_exception(uuid)
  from public, anon, service_role;
revoke execute on function public.save_clinic_closure(date, text) from public, anon, service_role;
revoke execute on function public.remove_clinic_closure(uuid) from public, anon, service_role;
revoke execute on function public.rotate_calendar_feed(uuid, text) from public, anon, service_role;
revoke execute on function public.revoke_calendar_feed(uuid) from public, anon, service_role;
grant execute on function public.save_professional(uuid, boolean, text[], jsonb) to authenticated;
grant execute on function public.add_professional_exception(uuid, text, date, date, time, time,
                                                            text) to authenticated;
grant execute on function public.remove_professional_exception(uuid) to authenticated;
grant execute on function public.save_clinic_closure(date, text) to authenticated;
grant execute on function public.remove_clinic_closure(uuid) to authenticated;
grant execute on function public.rotate_calendar_feed(uuid, text) to authenticated;
grant execute on function public.revoke_calendar_feed(uuid) to authenticated;

-- Everything that decides a professional's free slots between two dates, in one round trip:
-- their row, the exceptions and closures touching the dates, and their active appointments
-- overlapping [p_from, p_to). Security invoker: a member's RLS scopes every read to their
-- clinic; the service role must name the clinic.
create function public.professional_schedule(p_user_id uuid, p_first date, p_last date,
                                             p_from timestamptz, p_to timestamptz,
                                             p_company_id uuid default null)
returns jsonb
language sql stable security invoker set search_path = '' as $$
  select jsonb_build_object(
    'member', (select jsonb_build_object('id', u.id, 'full_name', u.full_name, 'email', u.email,
                                         'role', u.role, 'status', u.status,
                                         'is_professional', u.is_professional,
                                         'specialties', to_jsonb(u.specialties),
                                         'working_hours', u.working_hours)
               from public.users u
               where u.id = p_user_id and (p_company_id is null or u.company_id = p_company_id)),
    'exceptions', coalesce((
      select jsonb_agg(jsonb_build_object('id', e.id, 'user_id', e.user_id, 'kind', e.kind,
                                          'starts_on', e.starts_on, 'ends_on', e.ends_on,
                                          'start_time', e.start_time, 'end_time', e.end_time,
                                          'note', e.note) order by e.starts_on, e.created_at)
      from public.professional_exceptions e
      where e.user_id = p_user_id and e.ends_on >= p_first and e.starts_on <= p_last
        and (p_company_id is null or e.company_id = p_company_id)), '[]'),
    'closures', coalesce((
      select jsonb_agg(jsonb_build_object('id', k.id, 'on_date', k.on_date, 'label', k.label)
                       order by k.on_date)
      from public.clinic_closures k
      where k.on_date between p_first and p_last
        and (p_company_id is null or k.company_id = p_company_id)), '[]'),
    'busy', coalesce((
      select jsonb_agg(jsonb_build_array(a.starts_at, a.ends_at) order by a.starts_at)
      from public.appointments a
      -- the range test as the no-double-booking constraint writes it, so its index serves
      where a.professional_id = p_user_id and a.status in ('scheduled', 'confirmed')
        and tstzrange(a.starts_at, a.ends_at, '[)') && tstzrange(p_from, p_to, '[)')
        and (p_company_id is null or a.company_id = p_company_id)), '[]'))
$$;
revoke execute on function public.professional_schedule(uuid, date, date, timestamptz,
                                                         timestamptz, uuid) from public, anon;
grant execute on function public.professional_schedule(uuid, date, date, timestamptz,
                                                       timestamptz, uuid)
  to authenticated, service_role;
