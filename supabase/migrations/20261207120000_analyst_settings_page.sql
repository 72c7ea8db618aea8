-- Issue 13: the analyst's settings page (/settings/analyst) lists the clinic's recent runs,
-- snapshots and reply drafts together, newest first, each with its client's name. One read for
-- admins (PT403 for anyone else): invoker, so RLS applies as well.

create function public.analyst_run_log(p_limit integer default 50)
returns table (kind text, id uuid, at timestamptz, client_id uuid, client_name text,
               trigger text, analyzer text, model text, fallback text, tokens_in integer,
               tokens_out integer, latency_ms integer, cost_usd numeric, error text)
language plpgsql stable set search_path = '' as $$
declare
  -- first, and on its own: inside the query a planner may never evaluate it (no runs yet)
  v_company uuid := private.admin_company_id();
  v_limit integer := least(greatest(coalesce(p_limit, 50), 1), 200);
begin
  return query
  with runs as (
    (select 'analysis' as kind, s.id, s.generated_at as at, s.client_id, s.trigger,
            s.analyzer, s.model, s.fallback, s.tokens_in, s.tokens_out, s.latency_ms,
            s.cost_usd, s.error
     from public.ai_context_snapshots s where s.company_id = v_company
     order by s.generated_at desc limit v_limit)
    union all
    -- a draft is always asked for by a member, from the inbox
    (select 'reply', r.id, r.created_at, r.client_id, 'manual', r.analyzer, r.model, null,
            r.tokens_in, r.tokens_out, r.latency_ms, r.cost_usd, r.error
     from public.ai_reply_runs r where r.company_id = v_company
     order by r.created_at desc limit v_limit))
  select runs.kind, runs.id, runs.at, runs.client_id, c.full_name, runs.trigger,
         runs.analyzer, runs.model, runs.fallback, runs.tokens_in, runs.tokens_out,
         runs.latency_ms, runs.cost_usd, runs.error
  from runs
  left join public.clients c on c.company_id = v_company and c.id = runs.client_id
  order by runs.at desc, runs.id desc
  limit v_limit;
end
$$;
revoke execute on function public.analyst_run_log(integer) from public, anon, service_role;
grant execute on function public.analyst_run_log(integer) to authenticated;
