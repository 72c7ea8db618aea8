-- What a function sees of the HTTP request, as PostgREST sets it per transaction.
create function public.request_settings() returns jsonb
language sql stable as $$
  select jsonb_build_object(
    'role', current_user,
    'method', current_setting('request.method', true),
    'path', current_setting('request.path', true),
    'header', current_setting('request.headers', true)::jsonb ->> 'x-clinic-trace',
    'sub', auth.uid(),
    'search_path', current_setting('search_path'),
    'read_only', current_setting('transaction_read_only'))
$$;
