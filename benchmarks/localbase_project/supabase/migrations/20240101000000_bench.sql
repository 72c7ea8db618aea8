create table public.bench_items (
  id bigint generated always as identity primary key,
  title text not null,
  n int not null default 0,
  created_at timestamptz not null default now()
);
alter table public.bench_items enable row level security;

create function public.bench_add(a int, b int) returns int
language sql stable set search_path = '' as $$ select a + b $$;
