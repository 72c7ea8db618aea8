-- API keys are created and revoked by definer functions that write the audit row in the same
-- transaction; signed-in admins keep read access (RLS) but no direct writes.

revoke insert, update on public.api_keys from authenticated;
drop policy "admins insert" on public.api_keys;
drop policy "admins update" on public.api_keys;

create function private.api_key_json(k public.api_keys) returns jsonb
language sql immutable set search_path = '' as $$
  select jsonb_build_object('id', k.id, 'company_id', k.company_id, 'name', k.name,
    'prefix', k.prefix, 'created_by', k.created_by, 'last_used_at', k.last_used_at,
    'revoked_at', k.revoked_at, 'created_at', k.created_at)
$$;

-- The server makes the key and passes only its display prefix and SHA-256.
create function public.create_api_key(p_name text, p_prefix text, p_key_hash text)
returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_company uuid := private.admin_company_id();
  v_key public.api_keys;
begin
  insert into public.api_keys (company_id, name, prefix, key_hash, created_by)
  values (v_company, btrim(p_name), p_prefix, p_key_hash, private.current_user_id())
  returning * into v_key;
  insert into public.audit_log (company_id, actor_user_id, action, entity, entity_id, details)
  values (v_company, v_key.created_by, 'api_key.created', 'api_key', v_key.id,
          jsonb_build_object('name', v_key.name, 'prefix', v_key.prefix));
  return private.api_key_json(v_key);
end
$$;
revoke execute on function public.create_api_key(text, text, text) from public, anon;
grant execute on function public.create_api_key(text, text, text) to authenticated;

-- Revoking a revoked key changes nothing and writes nothing.
create function public.revoke_api_key(p_key_id uuid) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_company uuid := private.admin_company_id();
  v_key public.api_keys;
begin
  select * into v_key from public.api_keys where id = p_key_id and company_id = v_company for update;
  if not found then
    raise exception 'API key not found' using errcode = 'PT404';
  end if;
  if v_key.revoked_at is null then
    update public.api_keys set revoked_at = now() where id = v_key.id returning * into v_key;
    insert into public.audit_log (company_id, actor_user_id, action, entity, entity_id, details)
    values (v_company, private.current_user_id(), 'api_key.revoked', 'api_key', v_key.id,
            jsonb_build_object('name', v_key.name, 'prefix', v_key.prefix));
  end if;
  return private.api_key_json(v_key);
end
$$;
revoke execute on function public.revoke_api_key(uuid) from public, anon;
grant execute on function public.revoke_api_key(uuid) to authenticated;
