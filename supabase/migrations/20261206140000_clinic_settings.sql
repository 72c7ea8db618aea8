-- Issue 12 item 5: the clinic's settings, saved by an admin in one transaction (companies +
-- settings) with an audit entry naming each changed field with its old and new value, and the
-- clinic's audit log read by its admins (filters by actor, action and date; keyset paging).
--
-- The address is one free text (street, number, city, state, postal code as the clinic writes
-- them): clinics are in several countries, whose addresses do not share one set of fields.

alter table public.settings
  add column address text check (length(address) <= 500
                                 and address !~ '[\x01-\x09\x0b-\x1f\x7f]');
comment on column public.settings.address is
  'The clinic''s postal address as one text (lines separated by newlines).';

insert into private.audit_actions (action) values ('clinic.settings_saved') on conflict do nothing;

-- True when two intervals of one day overlap (each day's intervals taken in start order).
create function private.working_hours_overlap(hours jsonb) returns boolean
language sql immutable set search_path = '' as $$
  select exists (
    select from (
      select slot.value ->> 'start' as start_at,
             lag(slot.value ->> 'end') over (partition by day.key
                                             order by slot.value ->> 'start') as previous_end
      from jsonb_each(hours) as day(key, intervals),
           jsonb_array_elements(day.intervals) as slot(value)) as ordered
    where ordered.start_at < ordered.previous_end)
$$;

-- Admins: every setting at once. Bad input stores nothing (the transaction stops at the first
-- problem, named in the hint); nothing changed writes no audit entry. Returns the changes as
-- {"field": {"old": ..., "new": ...}}.
create function public.save_clinic_settings(
  p_name text, p_logo_url text, p_contact_email text, p_contact_phone text, p_address text,
  p_timezone text, p_locale text, p_currency text, p_working_hours jsonb)
returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_company uuid := private.admin_company_id();
  v_name text := btrim(coalesce(p_name, ''));
  v_logo text := nullif(btrim(coalesce(p_logo_url, '')), '');
  v_email text := nullif(btrim(coalesce(p_contact_email, '')), '');
  v_phone text := nullif(btrim(coalesce(p_contact_phone, '')), '');
  v_address text := nullif(btrim(coalesce(p_address, '')), '');
  v_hours jsonb := coalesce(p_working_hours, '{}');
  v_old jsonb;
  v_new jsonb;
  v_changes jsonb;
begin
  if v_name = '' then
    raise exception 'the clinic needs a name' using errcode = '22023', hint = 'name_required';
  elsif length(v_name) > 200 then
    raise exception 'name longer than 200 characters' using errcode = '22001',
      hint = 'name_too_long';
  elsif v_logo is not null and (v_logo !~ '^https://[^[:space:]/]+\.[^[:space:]]*$'
                                or length(v_logo) > 2048) then
    raise exception 'the logo must be an https URL' using errcode = '22023', hint = 'logo_url';
  elsif v_email is not null and (v_email !~* '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$'
                                 or length(v_email) > 254) then
    raise exception 'not an e-mail address' using errcode = '22023', hint = 'contact_email';
  elsif v_phone is not null and v_phone !~ '^\+[1-9][0-9]{6,14}$' then
    raise exception 'not an E.164 phone number' using errcode = '22023', hint = 'contact_phone';
  elsif length(v_address) > 500 or v_address ~ '[\x01-\x09\x0b-\x1f\x7f]' then
    raise exception 'address too long' using errcode = '22001', hint = 'address';
  elsif not coalesce(private.is_timezone(p_timezone), false) then
    raise exception 'unknown time zone' using errcode = '22023', hint = 'timezone';
  elsif p_locale is null or p_locale not in ('pt-BR', 'en', 'es') then
    raise exception 'unknown language' using errcode = '22023', hint = 'locale';
  elsif p_currency is null or p_currency not in ('BRL', 'USD', 'EUR', 'ARS', 'MXN', 'CLP',
                                                 'COP', 'PEN', 'UYU', 'PYG', 'BOB', 'GBP') then
    raise exception 'unknown currency' using errcode = '22023', hint = 'currency';
  elsif not private.is_working_hours(v_hours) then
    raise exception 'working hours: HH:MM intervals, start before end' using errcode = '22023',
      hint = 'working_hours';
  elsif private.working_hours_overlap(v_hours) then
    raise exception 'working hours overlap' using errcode = '22023', hint = 'hours_overlap';
  end if;

  select jsonb_build_object('name', c.name, 'timezone', c.timezone, 'locale', c.locale,
                            'currency', c.currency, 'logo_url', s.logo_url,
                            'contact_email', s.contact_email, 'contact_phone', s.contact_phone,
                            'address', s.address,
                            'working_hours', coalesce(s.working_hours, '{}'))
  into v_old
  from public.companies c left join public.settings s on s.company_id = c.id
  where c.id = v_company
  for update of c;

  update public.companies
  set name = v_name, timezone = p_timezone, locale = p_locale, currency = p_currency
  where id = v_company;
  insert into public.settings (company_id, logo_url, contact_email, contact_phone, address,
                               working_hours)
  values (v_company, v_logo, v_email, v_phone, v_address, v_hours)
  on conflict (company_id) do update
  set logo_url = excluded.logo_url, contact_email = excluded.contact_email,
      contact_phone = excluded.contact_phone, address = excluded.address,
      working_hours = excluded.working_hours;

  v_new := jsonb_build_object('name', v_name, 'timezone', p_timezone, 'locale', p_locale,
                              'currency', p_currency, 'logo_url', v_logo,
                              'contact_email', v_email, 'contact_phone', v_phone,
                              'address', v_address, 'working_hours', v_hours);
  select coalesce(jsonb_object_agg(n.key, jsonb_build_object('old', v_old -> n.key,
                                                             'new', n.value)), '{}')
  into v_changes
  from jsonb_each(v_new) as n(key, value)
  where v_old -> n.key is distinct from n.value;
  if v_changes <> '{}' then
    perform private.audit(v_company, 'clinic.settings_saved', 'company', v_company, v_changes);
  end if;
  return v_changes;
end
$$;
revoke execute on function public.save_clinic_settings(text, text, text, text, text, text, text,
                                                       text, jsonb)
  from public, anon, service_role;
grant execute on function public.save_clinic_settings(text, text, text, text, text, text, text,
                                                      text, jsonb) to authenticated;

-- Admins: every action the audit log can hold (the filter's choices).
create function public.audit_action_names() returns setof text
language sql stable security definer set search_path = '' as $$
  select a.action from private.audit_actions a
  where private.admin_company_id() is not null
  order by a.action
$$;
revoke execute on function public.audit_action_names() from public, anon, service_role;
grant execute on function public.audit_action_names() to authenticated;

-- Admins: one page of the clinic's audit log, newest first, after the keyset (p_before_at,
-- p_before_id) when given; dates are whole days in the clinic's time zone, both inclusive.
-- Runs as the caller: the audit log's own policy (admins read) applies too.
create function public.audit_log_page(p_actor uuid default null, p_action text default null,
                                      p_from date default null, p_to date default null,
                                      p_before_at timestamptz default null,
                                      p_before_id uuid default null, p_limit integer default 25)
returns table (id uuid, at timestamptz, actor_user_id uuid, actor_name text, action text,
               entity text, entity_id uuid, details jsonb)
language sql stable set search_path = '' as $$
  with clinic as (
    select c.id, c.timezone from public.companies c where c.id = private.admin_company_id())
  select l.id, l.at, l.actor_user_id,
         coalesce(nullif(btrim(u.full_name), ''), u.email), l.action, l.entity, l.entity_id,
         l.details
  from clinic
  join public.audit_log l on l.company_id = clinic.id
  left join public.users u on u.company_id = l.company_id and u.id = l.actor_user_id
  where (p_actor is null or l.actor_user_id = p_actor)
    and (p_action is null or l.action = p_action)
    and (p_from is null or l.at >= (p_from::timestamp at time zone clinic.timezone))
    and (p_to is null or l.at < ((p_to + 1)::timestamp at time zone clinic.timezone))
    and (p_before_at is null or (l.at, l.id) < (p_before_at, p_before_id))
  order by l.at desc, l.id desc
  limit least(greatest(coalesce(p_limit, 25), 1), 200)
$$;
revoke execute on function public.audit_log_page(uuid, text, date, date, timestamptz, uuid,
                                                 integer)
  from public, anon, service_role;
grant execute on function public.audit_log_page(uuid, text, date, date, timestamptz, uuid,
                                                integer) to authenticated;
