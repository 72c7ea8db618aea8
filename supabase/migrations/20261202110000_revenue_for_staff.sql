-- Revenue on the home page is the clinic's business, not every receptionist's: a clinic setting
-- (admins change it, like every settings column) says whether staff see it; hidden by default.
-- home_counters answers null for the revenue when the caller may not see it, so the figure never
-- reaches a staff member's browser, whatever the page does.
alter table public.settings add column staff_sees_revenue boolean not null default false;
comment on column public.settings.staff_sees_revenue is
  'Whether staff (not only admins) see the month''s revenue on the home page';

create or replace function public.home_counters() returns jsonb
language plpgsql stable set search_path = '' as $$
declare
  v_company uuid := (select private.current_company_id());
  v_timezone text;
  v_day_start timestamptz;
  v_month_start timestamptz;
  v_sees_revenue boolean;
begin
  select timezone into v_timezone from public.companies where id = v_company;
  if v_timezone is null then
    return null;
  end if;
  v_day_start := date_trunc('day', now() at time zone v_timezone) at time zone v_timezone;
  v_month_start := date_trunc('month', now() at time zone v_timezone) at time zone v_timezone;
  v_sees_revenue := (select private.current_user_role()) = 'admin'
    or coalesce((select s.staff_sees_revenue from public.settings s where s.company_id = v_company),
                false);
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
    'revenue_this_month', case when v_sees_revenue then
                            (select coalesce(sum(amount), 0) from public.payments
                             where company_id = v_company and status = 'paid'
                               and paid_at >= v_month_start) end);
end
$$;
