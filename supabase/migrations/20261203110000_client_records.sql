-- Clients as a record staff keep (issue 11, item 1): birth date and CPF (Brazil's taxpayer
-- number, digits only; check digits are verified by the app, the database keeps the shape),
-- and what the /clients list sorts and searches on.

alter table public.clients
  add column birth_date date,
  add column cpf text,
  add constraint clients_birth_date_range check (birth_date between date '1900-01-01'
                                                              and date '2200-01-01'),
  add constraint clients_cpf_digits check (cpf ~ '^[0-9]{11}$');
comment on column public.clients.cpf is
  'CPF, 11 digits without punctuation; never selected by lists (shown masked on edit).';

-- Search: any part of an e-mail (names and phones have trigram indexes already).
create index clients_email_trgm_idx on public.clients using gin (email extensions.gin_trgm_ops);

-- The list's three orders, each (value, id) as its keyset, within one clinic.
create index clients_by_name_idx on public.clients (company_id, search_name, id);
create index clients_by_activity_idx
  on public.clients (company_id, last_interaction_at desc nulls last, id);
create index clients_by_created_idx on public.clients (company_id, created_at desc, id);

-- The clinic's tags, for autocomplete. Security invoker: RLS scopes the rows to the caller.
create function public.client_tags() returns setof text
language sql stable security invoker set search_path = '' as $$
  select distinct tag
  from public.clients c, unnest(c.tags) as t(tag)
  where c.company_id = (select private.current_company_id())
  order by tag
  limit 500
$$;
revoke execute on function public.client_tags() from public, anon;
grant execute on function public.client_tags() to authenticated, service_role;
