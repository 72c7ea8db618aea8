-- Durable background work: replies to deliver now, scheduled tasks later. A job is a row; any
-- worker (every app process runs one; `python -m omni_app.jobs` runs one alone) claims due jobs
-- with FOR UPDATE SKIP LOCKED inside claim_jobs, so two workers never hold the same job, and a
-- claim is a lease: a worker that dies mid-job lets another claim it once the lease expires.
-- Reachable by the service role alone; queue_outbound_message enqueues a reply's delivery in
-- the same transaction that records the reply.
create table public.jobs (
  id uuid primary key default gen_random_uuid(),
  company_id uuid not null references public.companies (id) on delete cascade,
  kind text not null check (kind in ('deliver_reply')),
  payload jsonb not null default '{}' check (jsonb_typeof(payload) = 'object'
                                             and octet_length(payload::text) <= 8192),
  -- One live job per subject (a reply's id): enqueuing it again while one waits is a no-op.
  dedupe_key text check (length(dedupe_key) <= 200),
  status text not null default 'queued' check (status in ('queued', 'running', 'done', 'dead')),
  attempts integer not null default 0 check (attempts >= 0),
  max_attempts integer not null default 5 check (max_attempts > 0),
  run_at timestamptz not null default now(),
  locked_by text check (length(locked_by) <= 200),
  locked_until timestamptz,
  last_error text check (length(last_error) <= 1000),
  finished_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index jobs_due_idx on public.jobs (run_at) where status in ('queued', 'running');
create index jobs_company_idx on public.jobs (company_id, created_at desc);
create unique index jobs_live_subject_idx on public.jobs (kind, dedupe_key)
  where status in ('queued', 'running') and dedupe_key is not null;
create trigger touch_updated_at before update on public.jobs
  for each row execute function private.touch_updated_at();
alter table public.jobs enable row level security;
revoke all on public.jobs from anon, authenticated;

-- Internal: put a job in the queue (a waiting job for the same subject stays the only one).
create function private.enqueue_job(p_company_id uuid, p_kind text, p_payload jsonb,
                                    p_dedupe_key text default null,
                                    p_run_at timestamptz default now())
returns uuid
language plpgsql security definer set search_path = '' as $$
declare
  v_id uuid;
begin
  insert into public.jobs (company_id, kind, payload, dedupe_key, run_at)
  values (p_company_id, p_kind, coalesce(p_payload, '{}'), p_dedupe_key, p_run_at)
  on conflict (kind, dedupe_key) where status in ('queued', 'running') and dedupe_key is not null
  do nothing
  returning id into v_id;
  if v_id is null then
    select id into v_id from public.jobs
    where kind = p_kind and dedupe_key = p_dedupe_key and status in ('queued', 'running');
  end if;
  return v_id;
end
$$;
revoke execute on function private.enqueue_job(uuid, text, jsonb, text, timestamptz)
  from public, anon, authenticated;

create function public.enqueue_job(p_company_id uuid, p_kind text, p_payload jsonb,
                                   p_dedupe_key text default null,
                                   p_run_at timestamptz default now())
returns uuid
language sql set search_path = '' as $$
  select private.enqueue_job(p_company_id, p_kind, p_payload, p_dedupe_key, p_run_at)
$$;
revoke execute on function public.enqueue_job(uuid, text, jsonb, text, timestamptz)
  from public, anon, authenticated;
grant execute on function public.enqueue_job(uuid, text, jsonb, text, timestamptz) to service_role;

-- Claims up to p_limit due jobs for p_worker: queued ones whose time has come, and running
-- ones whose lease expired (their worker died). Each claim counts an attempt; the worker
-- gives up on a job past its max_attempts.
create function public.claim_jobs(p_worker text, p_limit integer default 10,
                                  p_lease_seconds integer default 120)
returns setof public.jobs
language sql set search_path = '' as $$
  update public.jobs j
  set status = 'running', locked_by = p_worker, attempts = j.attempts + 1,
      locked_until = now() + make_interval(secs => p_lease_seconds)
  where j.id in (
    select id from public.jobs
    where (status = 'queued' and run_at <= now())
       or (status = 'running' and locked_until < now())
    order by run_at, created_at
    limit p_limit
    for update skip locked)
  returning j.*
$$;
revoke execute on function public.claim_jobs(text, integer, integer)
  from public, anon, authenticated;
grant execute on function public.claim_jobs(text, integer, integer) to service_role;

-- The worker holding the lease reports: done, dead (given up, with the error), or retry after
-- p_retry_in_seconds. A worker whose lease was taken over changes nothing (false).
create function public.finish_job(p_job_id uuid, p_worker text, p_outcome text,
                                  p_error text default null,
                                  p_retry_in_seconds integer default 0)
returns boolean
language plpgsql set search_path = '' as $$
begin
  if p_outcome not in ('done', 'dead', 'retry') then
    raise exception 'unknown outcome: %', p_outcome using errcode = '22023';
  end if;
  update public.jobs
  set status = case p_outcome when 'retry' then 'queued' else p_outcome end,
      run_at = case p_outcome when 'retry'
                 then now() + make_interval(secs => greatest(p_retry_in_seconds, 0))
                 else run_at end,
      last_error = coalesce(left(p_error, 1000), last_error),
      finished_at = case when p_outcome = 'retry' then null else now() end,
      locked_by = null, locked_until = null
  where id = p_job_id and locked_by = p_worker and status = 'running';
  return found;
end
$$;
revoke execute on function public.finish_job(uuid, text, text, text, integer)
  from public, anon, authenticated;
grant execute on function public.finish_job(uuid, text, text, text, integer) to service_role;

-- Replies: the delivery job is queued with the reply, in one transaction.
create or replace function public.queue_outbound_message(p_conversation_id uuid, p_content text)
returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_company uuid := private.current_company_id();
  v_thread public.conversation_threads;
  v_row public.interactions;
  v_limit integer;
begin
  select * into v_thread from public.conversation_threads
  where id = p_conversation_id and company_id = v_company for update;
  if not found then
    raise exception 'conversation not found' using errcode = 'PT404';
  end if;
  if v_thread.status <> 'active' then
    raise exception 'conversation is closed' using errcode = 'PT409';
  end if;
  -- WhatsApp caps text at 4096 characters, Instagram at 1000.
  v_limit := case v_thread.channel when 'instagram' then 1000 else 4096 end;
  if coalesce(length(btrim(p_content)), 0) = 0 then
    raise exception 'a reply needs text' using errcode = '22023';
  end if;
  if length(p_content) > v_limit then
    raise exception 'reply longer than % characters', v_limit using errcode = '22001';
  end if;

  insert into public.interactions (company_id, conversation_id, client_id, channel, direction,
                                   content, status)
  values (v_thread.company_id, v_thread.id, v_thread.client_id, v_thread.channel, 'outbound',
          p_content, 'queued')
  returning * into v_row;

  update public.conversation_threads
  set last_message_at = v_row.occurred_at,
      last_message_preview = private.message_preview(p_content, null),
      last_message_direction = 'outbound'
  where id = v_thread.id
    and (last_message_at is null or last_message_at <= v_row.occurred_at);
  perform private.enqueue_job(v_row.company_id, 'deliver_reply',
                              jsonb_build_object('interaction_id', v_row.id), v_row.id::text);
  return to_jsonb(v_row);
end
$$;

create or replace function public.retry_outbound_message(p_interaction_id uuid) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_row public.interactions;
begin
  select * into v_row from public.interactions
  where id = p_interaction_id and company_id = private.current_company_id()
    and direction = 'outbound'
  for update;
  if not found then
    raise exception 'message not found' using errcode = 'PT404';
  end if;
  if v_row.status <> 'failed' then
    raise exception 'only a failed reply can be retried' using errcode = 'PT409';
  end if;
  update public.interactions set status = 'queued', error = null where id = v_row.id
  returning * into v_row;
  perform private.enqueue_job(v_row.company_id, 'deliver_reply',
                              jsonb_build_object('interaction_id', v_row.id), v_row.id::text);
  return to_jsonb(v_row);
end
$$;

-- Replies left `queued` by the in-process delivery this replaces (a restart lost them).
insert into public.jobs (company_id, kind, payload, dedupe_key)
select company_id, 'deliver_reply', jsonb_build_object('interaction_id', id), id::text
from public.interactions
where direction = 'outbound' and status = 'queued';
