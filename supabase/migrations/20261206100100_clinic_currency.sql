-- The clinic's currency (ISO 4217), for prices and payments; my_profile carries it (and whether
-- the member is a professional) so every page formats money in it.
alter table public.companies add column currency text not null default 'BRL'
  check (currency in ('BRL', 'USD', 'EUR', 'ARS', 'MXN', 'CLP', 'COP', 'PEN', 'UYU', 'PYG',
                      'BOB', 'GBP'));

create or replace function public.my_profile() returns jsonb
language sql stable security definer set search_path = '' as $$
  select jsonb_build_object(
    'user_id', u.id, 'email', u.email, 'full_name', u.full_name, 'role', u.role,
    'status', u.status, 'locale', coalesce(u.locale, c.locale, 'pt-BR'), 'theme', u.theme,
    'company_id', u.company_id, 'company_name', c.name,
    'company_timezone', coalesce(c.timezone, 'America/Sao_Paulo'),
    'company_currency', coalesce(c.currency, 'BRL'), 'is_professional', u.is_professional)
  from public.users u left join public.companies c on c.id = u.company_id
  where u.auth_user_id = (select auth.uid())
$$;
