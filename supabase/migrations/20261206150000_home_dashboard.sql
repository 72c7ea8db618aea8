-- Issue 12, item 6: the home dashboard in one round trip.
--
-- `home_dashboard()` answers everything the home page shows as one jsonb: the counters
-- (home_counters), the getting-started checklist (getting_started), today's appointments, and
-- the series behind the charts, each bucketed on the clinic's wall clock (its time zone,
-- daylight saving included) and zero-filled so a quiet day is a 0, not a gap:
--   messages  the last 30 days, per day, counts per channel (both directions)
--   leads     the last 12 weeks (ISO weeks, Monday first), clients created that week (every
--             client arrives as a lead; a won one is still a lead won)
--   funnel    the clinic's active stages in board order, clients in each (as the board counts)
--   no_shows  the last 6 months, completed and no-show appointments by the month they started
--   revenue   the last 6 months, paid payments by the month they were paid; null for a caller
--             who may not see revenue (the same rule as home_counters)
-- Security invoker: RLS scopes every table to the caller's clinic; `p_now` moves "now" for
-- tests of the day boundaries (anyone may ask about another moment of their own clinic).

-- The 30 days of messages are ~30k index entries for a busy clinic: counted from the index alone.
create index interactions_company_day_idx
  on public.interactions (company_id, occurred_at, channel);
-- No-show rate: the months' appointments without visiting the table.
create index appointments_company_starts_status_idx
  on public.appointments (company_id, starts_at) include (status);
-- Revenue: paid payments' amounts from the index.
create index payments_company_paid_amount_idx
  on public.payments (company_id, paid_at) include (amount) where status = 'paid';

create function public.home_dashboard(p_now timestamptz default now()) returns jsonb
language plpgsql stable security invoker set search_path = '' as $$
declare
  v_company uuid := (select private.current_company_id());
  v_tz text;
  v_today date;
  v_week date;
  v_month date;
  v_sees_revenue boolean;
begin
  select timezone into v_tz from public.companies where id = v_company;
  if v_tz is null then
    return null;
  end if;
  v_today := (p_now at time zone v_tz)::date;
  v_week := date_trunc('week', v_today)::date;
  v_month := date_trunc('month', v_today)::date;
  v_sees_revenue := (select private.current_user_role()) = 'admin'
    or coalesce((select s.staff_sees_revenue from public.settings s where s.company_id = v_company),
                false);
  return jsonb_build_object(
    'today', v_today,
    'counters', public.home_counters(),
    'getting_started', public.getting_started(),
    'appointments', (
      select coalesce(jsonb_agg(jsonb_build_object(
               'id', a.id, 'starts_at', a.starts_at, 'ends_at', a.ends_at, 'status', a.status,
               'client_id', a.client_id, 'client_name', c.full_name,
               'professional_name', coalesce(nullif(btrim(u.full_name), ''), u.email),
               'service_name', s.name, 'service_color', s.color)
             order by a.starts_at, a.id), '[]')
      from (select * from public.appointments
            where company_id = v_company
              and starts_at >= v_today::timestamp at time zone v_tz
              and starts_at < (v_today + 1)::timestamp at time zone v_tz
            order by starts_at, id limit 200) a
      join public.clients c on c.company_id = a.company_id and c.id = a.client_id
      left join public.users u on u.company_id = a.company_id and u.id = a.professional_id
      left join public.services s on s.company_id = a.company_id and s.id = a.service_id),
    -- Each bucket is a range of the index between two instants of the clinic's clock: no
    -- time zone conversion per row (that, not the reading, was most of the cost).
    'messages', (
      select jsonb_agg(jsonb_build_object('day', v_today - 29 + d.n, 'counts', (
               select coalesce(jsonb_object_agg(x.channel, x.n), '{}')
               from (select i.channel, count(*) as n from public.interactions i
                     where i.company_id = v_company
                       and i.occurred_at >= (v_today - 29 + d.n)::timestamp at time zone v_tz
                       and i.occurred_at < (v_today - 28 + d.n)::timestamp at time zone v_tz
                     group by i.channel) x))
             order by d.n)
      from generate_series(0, 29) as d(n)),
    'leads', (
      select jsonb_agg(jsonb_build_object('week', v_week - 7 * w.n, 'count', (
               select count(*) from public.clients c
               where c.company_id = v_company
                 and c.created_at >= (v_week - 7 * w.n)::timestamp at time zone v_tz
                 and c.created_at < (v_week - 7 * w.n + 7)::timestamp at time zone v_tz))
             order by w.n desc)
      from generate_series(0, 11) as w(n)),
    'funnel', (
      select coalesce(jsonb_agg(jsonb_build_object(
               'key', st.key, 'label', st.label, 'color', st.color,
               'count', (select count(*) from public.clients c
                         where c.company_id = v_company and c.pipeline_stage = st.key))
             order by st.position, st.created_at), '[]')
      from public.pipeline_stages st
      where st.company_id = v_company and st.archived_at is null),
    'no_shows', (
      select jsonb_agg(jsonb_build_object('month', mo.first, 'completed', n.completed,
                                          'no_show', n.no_show) order by mo.first)
      from (select (v_month - make_interval(months => k))::date as first
            from generate_series(0, 5) as k) mo
      cross join lateral (
        select count(*) filter (where a.status = 'completed') as completed,
               count(*) filter (where a.status = 'no_show') as no_show
        from public.appointments a
        where a.company_id = v_company
          and a.starts_at >= mo.first::timestamp at time zone v_tz
          and a.starts_at < (mo.first + interval '1 month') at time zone v_tz) n),
    'revenue', case when v_sees_revenue then (
      select jsonb_agg(jsonb_build_object('month', mo.first, 'amount', n.amount)
                       order by mo.first)
      from (select (v_month - make_interval(months => k))::date as first
            from generate_series(0, 5) as k) mo
      cross join lateral (
        select coalesce(sum(p.amount), 0) as amount
        from public.payments p
        where p.company_id = v_company and p.status = 'paid'
          and p.paid_at >= mo.first::timestamp at time zone v_tz
          and p.paid_at < (mo.first + interval '1 month') at time zone v_tz) n) end);
end
$$;
comment on function public.home_dashboard(timestamptz) is
  'Everything the home page shows, bucketed in the clinic''s time zone (security invoker: RLS)';
revoke execute on function public.home_dashboard(timestamptz) from public, anon;
grant execute on function public.home_dashboard(timestamptz) to authenticated;
