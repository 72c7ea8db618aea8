-- Issue 13, item 5 (second half): the no-show risk where staff plan their days. The agenda's
-- entries carry their client's risk (clients.no_show_risk, kept by copy_latest_risk) and, when
-- it is medium or high, the reasons of the latest snapshot; home lists the coming week's
-- appointments of high-risk clients, each with the confirmation already sent for it, and sends
-- one (a WhatsApp template) marked with the appointment it confirms. The board reads the risk
-- straight from clients (domain/board.py's CARD_COLUMNS).

-- agenda_appointments gains two columns: a function's result columns cannot change in place
-- (create or replace refuses), so it is dropped and made again with the same arguments.
drop function public.agenda_appointments(timestamptz, timestamptz, uuid, uuid, boolean);
create function public.agenda_appointments(p_from timestamptz, p_to timestamptz,
                                           p_professional_id uuid default null,
                                           p_client_id uuid default null,
                                           p_with_cancelled boolean default true)
returns table (id uuid, client_id uuid, client_name text, service_id uuid,
               professional_id uuid, starts_at timestamptz, ends_at timestamptz, status text,
               notes text, cancel_reason text, created_at timestamptz, updated_at timestamptz,
               no_show_risk text, no_show_reasons jsonb)
language sql stable security invoker set search_path = '' as $$
  select a.id, a.client_id, c.full_name, a.service_id, a.professional_id, a.starts_at,
         a.ends_at, a.status, a.notes, a.cancel_reason, a.created_at, a.updated_at,
         c.no_show_risk,
         -- the reasons only where a badge shows them: one index probe per risky client
         case when c.no_show_risk in ('medium', 'high') then coalesce((
           select s.important_flags -> 'no_show_risk' -> 'reasons'
           from public.ai_context_snapshots s
           where s.company_id = c.company_id and s.client_id = c.id
           order by s.generated_at desc limit 1), '[]'::jsonb) end
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

-- The confirmation sent for an appointment is the template message whose metadata names it.
create index interactions_confirms_appointment_idx
  on public.interactions (company_id, ((metadata ->> 'confirms_appointment')))
  where metadata ? 'confirms_appointment';

-- Home: the scheduled or confirmed appointments starting in the next p_days days (from p_now,
-- 1 to 31) of the clinic's clients whose latest risk is high, soonest first, with the latest
-- snapshot's reasons and the last confirmation sent for each (its delivery status and time).
-- Security invoker: RLS scopes every table to the caller's clinic.
create function public.high_risk_appointments(p_now timestamptz default now(),
                                              p_days integer default 7)
returns table (id uuid, starts_at timestamptz, ends_at timestamptz, status text,
               client_id uuid, client_name text, professional_name text, service_name text,
               reasons jsonb, confirmation_status text, confirmation_at timestamptz)
language sql stable security invoker set search_path = '' as $$
  select a.id, a.starts_at, a.ends_at, a.status, a.client_id, c.full_name,
         coalesce(nullif(btrim(u.full_name), ''), u.email), sv.name,
         coalesce((select s.important_flags -> 'no_show_risk' -> 'reasons'
                   from public.ai_context_snapshots s
                   where s.company_id = c.company_id and s.client_id = c.id
                   order by s.generated_at desc limit 1), '[]'::jsonb),
         sent.status, sent.occurred_at
  from public.appointments a
  join public.clients c on c.company_id = a.company_id and c.id = a.client_id
  left join public.users u on u.company_id = a.company_id and u.id = a.professional_id
  left join public.services sv on sv.company_id = a.company_id and sv.id = a.service_id
  left join lateral (
    select i.status, i.occurred_at from public.interactions i
    where i.company_id = a.company_id and i.metadata ? 'confirms_appointment'
      and i.metadata ->> 'confirms_appointment' = a.id::text
    order by i.occurred_at desc limit 1) sent on true
  where a.company_id = (select private.current_company_id())
    and c.no_show_risk = 'high' and c.erased_at is null
    and a.status in ('scheduled', 'confirmed')
    and a.starts_at >= p_now
    and a.starts_at < p_now + make_interval(days => least(greatest(coalesce(p_days, 7), 1), 31))
  order by a.starts_at, a.id
  limit 100
$$;
comment on function public.high_risk_appointments(timestamptz, integer) is
  'Home: the next days'' appointments of high no-show risk clients (security invoker: RLS)';
revoke execute on function public.high_risk_appointments(timestamptz, integer) from public, anon;
grant execute on function public.high_risk_appointments(timestamptz, integer) to authenticated;

-- What a confirmation's variables are filled from: the appointment, its client (and phone),
-- professional, service and clinic, in one round trip. Security invoker (RLS); null when the
-- appointment is not the caller's clinic's.
create function public.appointment_confirmation_facts(p_appointment_id uuid) returns jsonb
language sql stable security invoker set search_path = '' as $$
  select jsonb_build_object(
    'id', a.id, 'status', a.status, 'starts_at', a.starts_at, 'client_id', c.id,
    'client_name', c.full_name, 'phone', c.phone,
    'professional_name', coalesce(nullif(btrim(u.full_name), ''), u.email),
    'service_name', sv.name, 'clinic_name', co.name, 'timezone', co.timezone)
  from public.appointments a
  join public.clients c on c.company_id = a.company_id and c.id = a.client_id
  join public.companies co on co.id = a.company_id
  left join public.users u on u.company_id = a.company_id and u.id = a.professional_id
  left join public.services sv on sv.company_id = a.company_id and sv.id = a.service_id
  where a.id = p_appointment_id and a.company_id = (select private.current_company_id())
$$;
revoke execute on function public.appointment_confirmation_facts(uuid) from public, anon;
grant execute on function public.appointment_confirmation_facts(uuid) to authenticated;

insert into private.audit_actions (action) values ('appointment.confirmation_sent')
on conflict do nothing;

-- Sends an approved template on the client's WhatsApp conversation (queue_template_message:
-- every rule of a template message holds) and marks the message with the appointment it
-- confirms, in one transaction. The conversation must be the appointment's client's.
create function public.send_appointment_confirmation(p_appointment_id uuid,
                                                     p_conversation_id uuid,
                                                     p_template_id uuid, p_variables text[])
returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_company uuid := private.current_company_id();
  v_appointment public.appointments;
  v_message jsonb;
  v_mark jsonb;
begin
  select * into v_appointment from public.appointments
  where id = p_appointment_id and company_id = v_company;
  if not found then
    raise exception 'appointment not found' using errcode = 'PT404',
      hint = 'appointment_not_found';
  end if;
  if v_appointment.status not in ('scheduled', 'confirmed') then
    raise exception 'the appointment is %', v_appointment.status using errcode = '22023',
      hint = 'appointment_not_active';
  end if;
  if not exists (select from public.conversation_threads
                 where id = p_conversation_id and company_id = v_company
                   and client_id = v_appointment.client_id) then
    raise exception 'conversation not found' using errcode = 'PT404', hint = 'not_found';
  end if;
  v_message := public.queue_template_message(p_conversation_id, p_template_id, p_variables);
  v_mark := jsonb_build_object('confirms_appointment', v_appointment.id);
  update public.interactions set metadata = metadata || v_mark
  where company_id = v_company and id = (v_message ->> 'id')::uuid;
  perform private.audit(v_company, 'appointment.confirmation_sent', 'appointment',
                        v_appointment.id,
                        jsonb_build_object('interaction_id', v_message ->> 'id',
                                           'template', v_message -> 'metadata' -> 'template'
                                                       ->> 'name'));
  return jsonb_set(v_message, '{metadata}', (v_message -> 'metadata') || v_mark);
end
$$;
revoke execute on function public.send_appointment_confirmation(uuid, uuid, uuid, text[])
  from public, anon, service_role;
grant execute on function public.send_appointment_confirmation(uuid, uuid, uuid, text[])
  to authenticated;
