-- Fixed-window counters for the server's rate limits and sign-in throttles (keys such as
-- "signin:addr:<address>" or "api:key:<id>"), in the database so every worker shares them and a
-- restart does not forget an attacker. Reachable by the service role alone.
create table public.rate_limits (
  key text primary key check (length(key) between 1 and 200),
  window_started_at timestamptz not null,
  hits integer not null check (hits >= 0)
);
create index rate_limits_window_idx on public.rate_limits (window_started_at);
alter table public.rate_limits enable row level security;
revoke all on public.rate_limits from anon, authenticated;

-- Adds p_cost hits to the key's current window (a new window when the last one is over) and
-- answers {"hits": hits in the window, "resets_in": seconds until it ends}. A cost of 0 only
-- reads. Limits are the caller's to compare: the same counter can slow one caller and stop
-- another.
create function public.rate_limit_hit(p_key text, p_window_seconds integer,
                                      p_cost integer default 1)
returns jsonb
language plpgsql set search_path = '' as $$
declare
  v_window interval := make_interval(secs => p_window_seconds);
  v_row public.rate_limits;
begin
  if p_cost = 0 then
    select * into v_row from public.rate_limits
    where key = p_key and window_started_at > now() - v_window;
    if not found then
      return jsonb_build_object('hits', 0, 'resets_in', 0);
    end if;
  else
    insert into public.rate_limits as r (key, window_started_at, hits)
    values (p_key, now(), p_cost)
    on conflict (key) do update set
      hits = case when r.window_started_at <= now() - v_window then p_cost
                  else r.hits + p_cost end,
      window_started_at = case when r.window_started_at <= now() - v_window then now()
                               else r.window_started_at end
    returning * into v_row;
    -- Keys idle for a day are swept now and then.
    if random() < 0.01 then
      delete from public.rate_limits where window_started_at < now() - interval '1 day';
    end if;
  end if;
  return jsonb_build_object('hits', v_row.hits, 'resets_in',
    greatest(0, ceil(extract(epoch from v_row.window_started_at + v_window - now())))::integer);
end
$$;
revoke execute on function public.rate_limit_hit(text, integer, integer)
  from public, anon, authenticated;
grant execute on function public.rate_limit_hit(text, integer, integer) to service_role;
