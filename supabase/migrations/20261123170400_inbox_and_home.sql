-- Read models for the inbox and the home page. security_invoker: the caller's RLS applies.

create view public.inbox_conversations with (security_invoker = true) as
select t.id, t.company_id, t.client_id, t.channel, t.status, t.started_at, t.ended_at,
       t.last_message_at, t.last_inbound_at, t.last_message_preview, t.last_message_direction,
       t.unread_count, c.full_name as client_name, c.phone as client_phone,
       c.instagram_id as client_instagram_id
from public.conversation_threads t
join public.clients c on c.company_id = t.company_id and c.id = t.client_id;
revoke all on public.inbox_conversations from anon;

-- The home page's counters in one round trip, in the clinic's own day and month. The bounds are
-- computed first so each count is a plain index range scan.
create function public.home_counters() returns jsonb
language plpgsql stable set search_path = '' as $$
declare
  v_company uuid := (select private.current_company_id());
  v_timezone text;
  v_day_start timestamptz;
  v_month_start timestamptz;
begin
  select timezone into v_timezone from public.companies where id = v_company;
  if v_timezone is null then
    return null;
  end if;
  v_day_start := date_trunc('day', now() at time zone v_timezone) at time zone v_timezone;
  v_month_start := date_trunc('month', now() at time zone v_timezone) at time zone v_timezone;
  return jsonb_build_object(
    'open_conversations', (select count(*) from public.conversation_threads
                           where company_id = v_company and status = 'active'),
    'unread_messages', (select coalesce(sum(unread_count), 0) from public.conversation_threads
                        where company_id = v_company and status = 'active'),
    'appointments_today', (select count(*) from public.appointments
                           where company_id = v_company and starts_at >= v_day_start
                             and starts_at < v_day_start + interval '1 day'
                             and status in ('scheduled', 'confirmed', 'completed')),
    'open_leads', (select count(*) from public.clients
                   where company_id = v_company and is_lead
                     and pipeline_stage not in ('won', 'lost')),
    'revenue_this_month', (select coalesce(sum(amount), 0) from public.payments
                           where company_id = v_company and status = 'paid'
                             and paid_at >= v_month_start));
end
$$;
revoke execute on function public.home_counters() from public, anon;
grant execute on function public.home_counters() to authenticated, service_role;

create index conversation_threads_active_inbox_idx
  on public.conversation_threads (company_id, last_message_at desc nulls last, id)
  where status = 'active';
create index clients_open_leads_idx on public.clients (company_id, pipeline_stage) where is_lead;
create index payments_company_status_paid_idx on public.payments (company_id, status, paid_at);
