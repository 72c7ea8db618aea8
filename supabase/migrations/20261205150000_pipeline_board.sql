-- The pipeline board (issue 11, item 4): a card's place in its column, moves that name their
-- neighbours, and what a card shows beyond the client row.
--
-- board_rank orders a column (ascending). numeric, so a card dropped between two others always
-- fits between their ranks. A client starts at the top of its column (minus its creation time
-- in ms), and a change of stage made anywhere else (profile, API, bulk) puts it at the top of
-- the new column too; a move on the board sets the rank itself.

alter table public.clients add column board_rank numeric;
update public.clients
set board_rank = -(extract(epoch from coalesce(last_interaction_at, created_at)) * 1000)::numeric;
alter table public.clients
  alter column board_rank set default (-(extract(epoch from clock_timestamp()) * 1000))::numeric,
  alter column board_rank set not null;
create index clients_board_idx on public.clients (company_id, pipeline_stage, board_rank, id);

create function private.new_stage_goes_on_top() returns trigger
language plpgsql set search_path = '' as $$
begin
  if new.pipeline_stage is distinct from old.pipeline_stage
     and new.board_rank is not distinct from old.board_rank then
    new.board_rank := (-(extract(epoch from clock_timestamp()) * 1000))::numeric;
  end if;
  return new;
end
$$;
revoke execute on function private.new_stage_goes_on_top() from public, anon, authenticated;
create trigger new_stage_goes_on_top before update of pipeline_stage on public.clients
  for each row execute function private.new_stage_goes_on_top();

-- Moves a client to p_stage between the cards p_above and p_below (either may be null: the top
-- or the bottom of what the mover saw; both null: the top). Security invoker: RLS decides, and
-- a neighbour the caller cannot see is treated as absent. The stage history is written by the
-- record_pipeline_stage_change trigger.
create function public.place_on_board(p_client_id uuid, p_stage text, p_above uuid default null,
                                      p_below uuid default null)
returns jsonb
language plpgsql security invoker set search_path = '' as $$
declare
  v_above numeric;
  v_below numeric;
  v_rank numeric;
  v_row public.clients;
begin
  select board_rank into v_above from public.clients
  where id = p_above and pipeline_stage = p_stage and id <> p_client_id;
  select board_rank into v_below from public.clients
  where id = p_below and pipeline_stage = p_stage and id <> p_client_id;
  -- Cards not loaded on the mover's screen sit between a neighbour and the column's end: the
  -- new rank goes between the neighbour and the next card of the column, seen or not.
  if v_above is not null and v_below is null then
    select min(board_rank) into v_below from public.clients
    where company_id = (select private.current_company_id()) and pipeline_stage = p_stage
      and board_rank > v_above and id <> p_client_id;
  elsif v_below is not null and v_above is null and p_above is not null then
    select max(board_rank) into v_above from public.clients
    where company_id = (select private.current_company_id()) and pipeline_stage = p_stage
      and board_rank < v_below and id <> p_client_id;
  end if;
  v_rank := case
    when v_above is not null and v_below is not null and v_above < v_below
      then (v_above + v_below) / 2
    when v_above is not null then v_above + 1
    when v_below is not null then v_below - 1
    else (select coalesce(min(board_rank), 0) - 1 from public.clients
          where company_id = (select private.current_company_id()) and pipeline_stage = p_stage)
  end;
  update public.clients set pipeline_stage = p_stage, board_rank = v_rank, updated_at = now()
  where id = p_client_id
  returning * into v_row;
  if v_row.id is null then
    raise exception 'client not found' using errcode = 'PT404';
  end if;
  return jsonb_build_object('id', v_row.id, 'pipeline_stage', v_row.pipeline_stage,
                            'board_rank', v_row.board_rank::text);
end
$$;
revoke execute on function public.place_on_board(uuid, text, uuid, uuid) from public, anon;
grant execute on function public.place_on_board(uuid, text, uuid, uuid) to authenticated;

-- What the cards of these clients show besides the client row: their latest conversation
-- (channel, snippet, time), unread messages, next appointment, owner, and since when they are
-- in their stage. Security invoker: RLS scopes every read.
create function public.board_cards(p_client_ids uuid[])
returns table (client_id uuid, channel text, snippet text, last_message_at timestamptz,
               unread integer, next_appointment_at timestamptz, owner_name text,
               in_stage_since timestamptz)
language sql stable security invoker set search_path = '' as $$
  select c.id,
         t.channel, t.last_message_preview, t.last_message_at,
         (select coalesce(sum(u.unread_count), 0)::integer from public.conversation_threads u
          where u.company_id = c.company_id and u.client_id = c.id and u.status = 'active'),
         (select min(a.starts_at) from public.appointments a
          where a.company_id = c.company_id and a.client_id = c.id
            and a.starts_at > now() and a.status in ('scheduled', 'confirmed')),
         coalesce(nullif(btrim(o.full_name), ''), o.email),
         coalesce((select max(h.changed_at) from public.pipeline_stage_changes h
                   where h.company_id = c.company_id and h.client_id = c.id
                     and h.to_stage = c.pipeline_stage), c.created_at)
  from public.clients c
  left join lateral (
    select th.channel, th.last_message_preview, th.last_message_at
    from public.conversation_threads th
    where th.company_id = c.company_id and th.client_id = c.id
    order by th.last_message_at desc nulls last
    limit 1) t on true
  left join public.users o on o.company_id = c.company_id and o.id = c.owner_id
  where c.id = any(p_client_ids) and c.company_id = (select private.current_company_id())
$$;
revoke execute on function public.board_cards(uuid[]) from public, anon;
grant execute on function public.board_cards(uuid[]) to authenticated;
