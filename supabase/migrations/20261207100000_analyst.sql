-- Issue 13: the AI analyst. A snapshot is one run of an analyzer (an LLM, or rules) over one
-- client's context; it keeps what it found (summary + the structured analysis in
-- important_flags) and what it cost (analyzer, model, tokens, latency, cost, inputs, error).
-- The client's latest no-show risk is copied onto clients so the board, the agenda and home
-- read it without a join. Reply drafts are logged (not their text) so their tokens count too.
-- Admins choose the analyzer, the model, a monthly token budget and their own instructions.
-- The daily run is planned once per day per deployment (scheduled_runs' primary key) as
-- analyze_client jobs, which every worker claims through the job queue.

alter table public.ai_context_snapshots
  add column analyzer text not null default 'heuristic' check (analyzer in ('llm', 'heuristic')),
  -- Why the rules answered when the clinic wanted the LLM.
  add column fallback text check (fallback in ('no_api_key', 'budget_spent', 'llm_failed')),
  add column tokens_in integer not null default 0 check (tokens_in >= 0),
  add column tokens_out integer not null default 0 check (tokens_out >= 0),
  add column latency_ms integer not null default 0 check (latency_ms >= 0),
  add column cost_usd numeric(12, 6) not null default 0 check (cost_usd >= 0),
  add column input_appointments integer not null default 0 check (input_appointments >= 0),
  add column error text check (length(error) <= 1000),
  -- The job (or request) that made it: a job retried after its worker died finds its snapshot
  -- instead of paying for a second one.
  add column run_key text check (length(run_key) <= 200),
  add column requested_by uuid,
  add constraint ai_context_snapshots_requested_by_fkey foreign key (company_id, requested_by)
    references public.users (company_id, id) on delete set null (requested_by);
alter table public.ai_context_snapshots drop constraint ai_context_snapshots_trigger_check;
alter table public.ai_context_snapshots add constraint ai_context_snapshots_trigger_check
  check (trigger in ('manual', 'conversation_closed', 'scheduled', 'api'));
create unique index ai_context_snapshots_run_key_idx
  on public.ai_context_snapshots (company_id, run_key) where run_key is not null;
create index ai_context_snapshots_month_idx
  on public.ai_context_snapshots (company_id, generated_at desc);
create index ai_context_snapshots_requested_by_idx
  on public.ai_context_snapshots (company_id, requested_by);
comment on column public.ai_context_snapshots.important_flags is
  'The analysis: intent, sentiment, no_show_risk, preferences, objections, next_best_action, '
  'language (omni_app/domain/analyst/analysis.py).';

create table public.ai_reply_runs (
  id uuid primary key default gen_random_uuid(),
  company_id uuid not null references public.companies (id) on delete cascade,
  client_id uuid not null,
  requested_by uuid,
  analyzer text not null check (analyzer in ('llm', 'heuristic')),
  model text not null check (length(model) <= 100),
  tokens_in integer not null default 0 check (tokens_in >= 0),
  tokens_out integer not null default 0 check (tokens_out >= 0),
  latency_ms integer not null default 0 check (latency_ms >= 0),
  cost_usd numeric(12, 6) not null default 0 check (cost_usd >= 0),
  error text check (length(error) <= 1000),
  created_at timestamptz not null default now(),
  foreign key (company_id, client_id) references public.clients (company_id, id) on delete cascade,
  foreign key (company_id, requested_by)
    references public.users (company_id, id) on delete set null (requested_by)
);
comment on table public.ai_reply_runs is
  'One suggested reply drafted for staff: what it cost, never its text (the draft lives in the '
  'composer until staff edit and send it).';
create index ai_reply_runs_month_idx on public.ai_reply_runs (company_id, created_at desc);
create index ai_reply_runs_client_idx on public.ai_reply_runs (company_id, client_id);
create index ai_reply_runs_requested_by_idx on public.ai_reply_runs (company_id, requested_by);
alter table public.ai_reply_runs enable row level security;
create policy "members read" on public.ai_reply_runs for select to authenticated
  using (company_id = (select private.current_company_id()));
create policy "members insert" on public.ai_reply_runs for insert to authenticated
  with check (company_id = (select private.current_company_id()));
revoke all on public.ai_reply_runs from anon;
grant select, insert on public.ai_reply_runs to authenticated;
create trigger refuse_erased_client before insert on public.ai_reply_runs
  for each row execute function private.refuse_erased_client();

alter table public.settings
  add column analyst_analyzer text not null default 'auto'
    check (analyst_analyzer in ('auto', 'llm', 'heuristic')),
  add column analyst_model text check (analyst_model ~ '^[A-Za-z0-9._:/-]{1,100}$'),
  add column analyst_monthly_tokens integer not null default 300000
    check (analyst_monthly_tokens between 0 and 100000000),
  add column analyst_instructions text check (length(analyst_instructions) <= 1000);
comment on column public.settings.analyst_analyzer is
  'auto: the LLM when the server has an API key, else the rules; llm; heuristic (never the LLM).';

-- The client's latest no-show risk, for badges (board cards, agenda entries, home).
alter table public.clients
  add column no_show_risk text check (no_show_risk in ('low', 'medium', 'high')),
  add column analyzed_at timestamptz;

create function private.copy_latest_risk_of(v_company uuid, v_client uuid) returns void
language plpgsql security definer set search_path = '' as $$
begin
  update public.clients c
  set no_show_risk = latest.level, analyzed_at = latest.generated_at
  from (select null::int) as one
  left join lateral (
    select s.important_flags -> 'no_show_risk' ->> 'level' as level, s.generated_at
    from public.ai_context_snapshots s
    where s.company_id = v_company and s.client_id = v_client
    order by s.generated_at desc limit 1) as latest on true
  where c.company_id = v_company and c.id = v_client
    and (c.no_show_risk, c.analyzed_at) is distinct from (latest.level, latest.generated_at);
end
$$;
revoke execute on function private.copy_latest_risk_of(uuid, uuid)
  from public, anon, authenticated;

-- Made, deleted (erasure) or moved to another client (a merge): both clients' copies follow.
create function private.copy_latest_risk() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if tg_op <> 'INSERT' then
    perform private.copy_latest_risk_of(old.company_id, old.client_id);
  end if;
  if tg_op <> 'DELETE' then
    perform private.copy_latest_risk_of(new.company_id, new.client_id);
  end if;
  return null;
end
$$;
revoke execute on function private.copy_latest_risk() from public, anon, authenticated;
create trigger copy_latest_risk after insert or delete or update of client_id
  on public.ai_context_snapshots
  for each row execute function private.copy_latest_risk();

-- Tokens the clinic's analyst used this month (the clinic's own calendar month).
create function public.analyst_month_tokens(p_company_id uuid) returns bigint
language sql stable set search_path = '' as $$
  with since as (
    select (date_trunc('month', now() at time zone c.timezone) at time zone c.timezone) as at
    from public.companies c where c.id = p_company_id)
  select coalesce((select sum(s.tokens_in + s.tokens_out) from public.ai_context_snapshots s, since
                   where s.company_id = p_company_id and s.generated_at >= since.at), 0)
       + coalesce((select sum(r.tokens_in + r.tokens_out) from public.ai_reply_runs r, since
                   where r.company_id = p_company_id and r.created_at >= since.at), 0)
$$;
revoke execute on function public.analyst_month_tokens(uuid) from public, anon;
grant execute on function public.analyst_month_tokens(uuid) to authenticated, service_role;

-- Everything an analyzer reads about one client, and the clinic's analyst settings and
-- spend, in one round trip. Invoker: a member's call
-- sees their clinic's rows only (RLS); every part is also scoped by p_company_id and
-- p_client_id, which is what keeps the service role's calls (jobs, the API) to one client.
create function public.analyst_context(p_company_id uuid, p_client_id uuid,
                                       p_conversation_id uuid default null,
                                       p_messages integer default 50)
returns jsonb
language sql stable set search_path = '' as $$
  select jsonb_build_object(
    'client', (select jsonb_build_object(
                 'id', c.id, 'company_id', c.company_id, 'full_name', c.full_name,
                 'stage', c.pipeline_stage, 'is_lead', c.is_lead, 'tags', c.tags,
                 'source_channel', c.source_channel, 'created_at', c.created_at,
                 'erased_at', c.erased_at,
                 'stage_name', (select st.label from public.pipeline_stages st
                                where st.company_id = c.company_id and st.key = c.pipeline_stage))
               from public.clients c where c.company_id = p_company_id and c.id = p_client_id),
    'clinic', (select jsonb_build_object('name', co.name, 'locale', co.locale,
                                         'timezone', co.timezone, 'currency', co.currency,
                                         'instructions', s.analyst_instructions,
                                         'analyzer', coalesce(s.analyst_analyzer, 'auto'),
                                         'model', s.analyst_model,
                                         'monthly_tokens', coalesce(s.analyst_monthly_tokens,
                                                                    300000),
                                         'spent', public.analyst_month_tokens(co.id))
               from public.companies co
               left join public.settings s on s.company_id = co.id
               where co.id = p_company_id),
    'messages', coalesce((select jsonb_agg(m order by m.occurred_at) from (
                   select i.company_id, i.client_id, i.conversation_id, i.channel, i.direction,
                          i.content, i.occurred_at, i.metadata ? 'template' as is_template
                   from public.interactions i
                   where i.company_id = p_company_id and i.client_id = p_client_id
                     and (p_conversation_id is null or i.conversation_id = p_conversation_id)
                     and i.content is not null
                   order by i.occurred_at desc limit greatest(least(p_messages, 200), 0)) m),
                 '[]'),
    'appointments', coalesce((select jsonb_agg(a order by a.starts_at) from (
                   select ap.company_id, ap.client_id, ap.status, ap.starts_at, ap.created_at,
                          sv.name as service, u.full_name as professional,
                          (select max(h.changed_at) from public.appointment_status_changes h
                           where h.company_id = ap.company_id and h.appointment_id = ap.id
                             and h.to_status = 'cancelled') as cancelled_at
                   from public.appointments ap
                   left join public.services sv
                     on sv.company_id = ap.company_id and sv.id = ap.service_id
                   left join public.users u
                     on u.company_id = ap.company_id and u.id = ap.professional_id
                   where ap.company_id = p_company_id and ap.client_id = p_client_id
                   order by ap.starts_at desc limit 50) a), '[]'),
    'payments', (select jsonb_build_object(
                   'paid', coalesce(sum(p.amount) filter (where p.status = 'paid'), 0),
                   'pending', coalesce(sum(p.amount) filter (where p.status = 'pending'), 0),
                   'count', count(*))
                 from public.payments p
                 where p.company_id = p_company_id and p.client_id = p_client_id),
    'previous', (select jsonb_build_object('summary', s.summary, 'flags', s.important_flags,
                                           'generated_at', s.generated_at)
                 from public.ai_context_snapshots s
                 where s.company_id = p_company_id and s.client_id = p_client_id
                   and s.error is null
                 order by s.generated_at desc limit 1))
$$;
revoke execute on function public.analyst_context(uuid, uuid, uuid, integer) from public, anon;
grant execute on function public.analyst_context(uuid, uuid, uuid, integer)
  to authenticated, service_role;

-- Admins: the analyst's settings (one audited write).
insert into private.audit_actions (action) values ('analyst.settings_saved') on conflict do nothing;

create function public.save_analyst_settings(p_analyzer text, p_model text,
                                             p_monthly_tokens integer, p_instructions text)
returns void
language plpgsql security definer set search_path = '' as $$
declare
  v_company uuid := private.admin_company_id();
  v_model text := nullif(btrim(coalesce(p_model, '')), '');
  v_instructions text := nullif(btrim(coalesce(p_instructions, '')), '');
begin
  if p_analyzer is null or p_analyzer not in ('auto', 'llm', 'heuristic') then
    raise exception 'unknown analyzer' using errcode = '22023', hint = 'analyzer';
  elsif v_model is not null and v_model !~ '^[A-Za-z0-9._:/-]{1,100}$' then
    raise exception 'not a model name' using errcode = '22023', hint = 'model';
  elsif p_monthly_tokens is null or p_monthly_tokens not between 0 and 100000000 then
    raise exception 'budget out of range' using errcode = '22023', hint = 'budget';
  elsif length(v_instructions) > 1000 then
    raise exception 'instructions too long' using errcode = '22001', hint = 'instructions_too_long';
  end if;
  insert into public.settings (company_id) values (v_company) on conflict (company_id) do nothing;
  update public.settings
  set analyst_analyzer = p_analyzer, analyst_model = v_model,
      analyst_monthly_tokens = p_monthly_tokens, analyst_instructions = v_instructions
  where company_id = v_company;
  perform private.audit(v_company, 'analyst.settings_saved', 'settings', v_company,
                        jsonb_build_object('analyzer', p_analyzer, 'model', v_model,
                                           'monthly_tokens', p_monthly_tokens,
                                           'instructions_chars', coalesce(length(v_instructions), 0)));
end
$$;
revoke execute on function public.save_analyst_settings(text, text, integer, text)
  from public, anon;
grant execute on function public.save_analyst_settings(text, text, integer, text) to authenticated;

-- Jobs: a client's analysis.
alter table public.jobs drop constraint jobs_kind_check;
alter table public.jobs add constraint jobs_kind_check
  check (kind in ('deliver_reply', 'analyze_client'));

-- Internal: queue one client's analysis (one live job per client; retried once if its worker
-- dies, never more: an LLM call is paid for).
create function private.enqueue_analysis(p_company_id uuid, p_client_id uuid, p_trigger text,
                                         p_conversation_id uuid default null)
returns uuid
language plpgsql security definer set search_path = '' as $$
declare
  v_id uuid;
begin
  v_id := private.enqueue_job(p_company_id, 'analyze_client',
                              jsonb_strip_nulls(jsonb_build_object(
                                'client_id', p_client_id, 'trigger', p_trigger,
                                'conversation_id', p_conversation_id)),
                              'analyze:' || p_client_id);
  update public.jobs set max_attempts = 2 where id = v_id and attempts = 0;
  return v_id;
end
$$;
revoke execute on function private.enqueue_analysis(uuid, uuid, text, uuid)
  from public, anon, authenticated;

-- A conversation that closes (by staff, a merge, a newer thread) queues its client's analysis.
create function private.analyze_on_close() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if not exists (select from public.clients
                 where company_id = new.company_id and id = new.client_id and erased_at is null) then
    return null;
  end if;
  perform private.enqueue_analysis(new.company_id, new.client_id, 'conversation_closed', new.id);
  return null;
end
$$;
revoke execute on function private.analyze_on_close() from public, anon, authenticated;
create trigger analyze_on_close after update of status on public.conversation_threads
  for each row when (old.status = 'active' and new.status = 'closed')
  execute function private.analyze_on_close();

-- The daily run: the first worker to ask on a day plans it (the row), the others find it done.
create table public.scheduled_runs (
  name text not null check (length(name) <= 100),
  period date not null,
  planned integer not null default 0 check (planned >= 0),
  created_at timestamptz not null default now(),
  primary key (name, period)
);
alter table public.scheduled_runs enable row level security;
revoke all on public.scheduled_runs from anon, authenticated;

-- Queues an analysis for every client active since the day before or with an appointment in
-- the next 7 days, without a snapshot in the last 12 hours. Null when the day was planned
-- already (by this worker or another); else how many were queued.
create function public.plan_daily_analysis(p_day date) returns integer
language plpgsql set search_path = '' as $$
declare
  v_count integer;
begin
  insert into public.scheduled_runs (name, period) values ('analyst_daily', p_day)
  on conflict do nothing;
  if not found then
    return null;
  end if;
  with due as (
    select c.company_id, c.id
    from public.clients c
    where c.erased_at is null
      and (c.analyzed_at is null or c.analyzed_at < now() - interval '12 hours')
      and (c.last_interaction_at >= now() - interval '1 day'
           or exists (select from public.appointments a
                      where a.company_id = c.company_id and a.client_id = c.id
                        and a.status in ('scheduled', 'confirmed')
                        and a.starts_at between now() and now() + interval '7 days')))
  insert into public.jobs (company_id, kind, payload, dedupe_key, max_attempts)
  select due.company_id, 'analyze_client',
         jsonb_build_object('client_id', due.id, 'trigger', 'scheduled'),
         'analyze:' || due.id, 2
  from due
  on conflict (kind, dedupe_key) where status in ('queued', 'running') and dedupe_key is not null
  do nothing;
  get diagnostics v_count = row_count;
  update public.scheduled_runs set planned = v_count
  where name = 'analyst_daily' and period = p_day;
  return v_count;
end
$$;
revoke execute on function public.plan_daily_analysis(date) from public, anon, authenticated;
grant execute on function public.plan_daily_analysis(date) to service_role;
