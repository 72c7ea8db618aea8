-- Functions for the /rest/v1/rpc conformance tests (tests/localbase/test_rest_rpc.py).

create type public.rpc_mood as enum ('happy', 'sad');

create table public.rpc_items (
  id int primary key,
  name text not null,
  tags text[] not null default '{}'
);
alter table public.rpc_items enable row level security;
create policy rpc_items_read on public.rpc_items for select using (true);
insert into public.rpc_items (id, name, tags) values
  (1, 'apple', '{fruit,red}'), (2, 'banana', '{fruit}'), (3, 'carrot', '{vegetable}'),
  (4, 'date', '{fruit}'), (5, 'eggplant', '{vegetable}');

create table public.rpc_log (
  id bigint generated always as identity primary key,
  note text not null
);
alter table public.rpc_log enable row level security;
create policy rpc_log_all on public.rpc_log for all using (true) with check (true);

-- Readable only through the security definer function below: RLS on, no policy.
create table public.rpc_secrets (id int primary key);
alter table public.rpc_secrets enable row level security;
insert into public.rpc_secrets values (1), (2);

-- Return kinds
create function public.rpc_noop() returns void language sql as $$ select $$;

create function public.rpc_add(a int, b int default 10) returns int
language sql immutable as $$ select a + b $$;

create function public.rpc_echo(t text) returns text language sql immutable as $$ select t $$;

create function public.rpc_sum(ids int[]) returns int
language sql immutable as $$ select coalesce(sum(x), 0)::int from unnest(ids) x $$;

create function public.rpc_concat(variadic parts text[]) returns text
language sql immutable as $$ select array_to_string(parts, '+') $$;

create function public.rpc_mood_label(m public.rpc_mood) returns text
language sql immutable as $$ select 'feeling ' || m::text $$;

create function public.rpc_series(n int) returns setof int
language sql immutable as $$ select generate_series(1, n) $$;

create function public.rpc_all_items() returns setof public.rpc_items
language sql stable as $$ select * from public.rpc_items order by id $$;

create function public.rpc_items_by_tag(tag text) returns setof public.rpc_items
language sql stable as $$ select * from public.rpc_items where tag = any(tags) order by id $$;

create function public.rpc_squares(n int default 3) returns table (i int, square int)
language sql immutable as $$ select g, g * g from generate_series(1, n) g $$;

create function public.rpc_item(item_id int) returns public.rpc_items
language sql stable as $$ select * from public.rpc_items where id = item_id $$;

create function public.rpc_bounds(out low int, out high int)
language sql immutable as $$ select 1, 5 $$;

-- JSON arguments: a single unnamed parameter gets the whole body; a named one its key.
create function public.rpc_body(jsonb) returns jsonb
language sql immutable as $$ select $1 || '{"seen": true}' $$;

create function public.rpc_doc_key(doc jsonb, key text) returns jsonb
language sql immutable as $$ select doc -> key $$;

-- Overloads
create function public.rpc_over(a int) returns text language sql immutable as $$ select 'one int' $$;
create function public.rpc_over(a int, b int) returns text
language sql immutable as $$ select 'two ints' $$;
create function public.rpc_over(s text) returns text language sql immutable as $$ select 'text' $$;
create function public.rpc_ambiguous(a int) returns text language sql immutable as $$ select 'int' $$;
create function public.rpc_ambiguous(a text) returns text language sql immutable as $$ select 'text' $$;

-- Identifiers that need quoting
create function public."rpc weird-name"() returns text language sql immutable as $$ select 'weird' $$;
create function public.rpc_quoted("we""ird" int) returns int
language sql immutable as $$ select $1 * 2 $$;
create function public."rpc_50%_off"("price%" numeric) returns numeric
language sql immutable as $$ select $1 / 2 $$;

-- Errors
create function public.rpc_fail(msg text) returns void language plpgsql as $$
begin
  raise exception '%', msg using detail = 'some detail', hint = 'some hint';
end $$;

create function public.rpc_forbidden() returns void language plpgsql as $$
begin
  raise sqlstate 'PT403' using message = 'not for you';
end $$;

-- Transactions, writes and who is calling
create function public.rpc_log_note(note text) returns bigint language sql as $$
  insert into public.rpc_log (note) values (note) returning id
$$;

create function public.rpc_log_notes(notes text[]) returns setof bigint language sql as $$
  insert into public.rpc_log (note) select unnest(notes) returning id
$$;

create function public.rpc_log_count(note text) returns bigint language sql stable as $$
  select count(*) from public.rpc_log l where l.note = rpc_log_count.note
$$;

create function public.rpc_read_only_volatile() returns text language sql as $$
  select current_setting('transaction_read_only')
$$;

create function public.rpc_read_only_stable() returns text language sql stable as $$
  select current_setting('transaction_read_only')
$$;

create function public.rpc_whoami() returns jsonb language sql stable as $$
  select jsonb_build_object('uid', auth.uid(), 'role', auth.role(), 'user', current_user,
                            'method', current_setting('request.method', true))
$$;

create function public.rpc_members_only() returns text language sql stable as $$
  select 'welcome'
$$;
revoke execute on function public.rpc_members_only() from public, anon;

create function public.rpc_service_only() returns text language sql stable as $$
  select 'service'
$$;
revoke execute on function public.rpc_service_only() from public, anon, authenticated;

create function public.rpc_secret_count() returns bigint
language sql stable security definer set search_path = '' as $$
  select count(*) from public.rpc_secrets
$$;
revoke execute on function public.rpc_secret_count() from public, anon;

create function public.rpc_secret_count_invoker() returns bigint language sql stable as $$
  select count(*) from public.rpc_secrets
$$;
