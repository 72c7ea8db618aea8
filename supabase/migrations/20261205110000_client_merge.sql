-- Duplicate clients and merging them (issue 11, item 2).
--
-- merge_clients moves everything that belongs to one client onto another and deletes the first,
-- in one transaction, for any member of the clinic both clients belong to. client_duplicates
-- suggests the pairs worth a look.

insert into private.audit_actions (action) values ('client.merged') on conflict do nothing;

-- Suggested duplicates of the caller's clinic, each pair once: `phone` (the same number in its
-- other spelling) or `name` (folded names at least 0.6 trigram-similar AND an identity in
-- common: the same e-mail, the same birth date, or phones ending in the same 8 digits). The
-- suggested keeper is the client known first. Pairs are found by equality joins on the
-- identities, which are selective, and only those pairs have their names compared, so a clinic
-- of 10,000 clients answers in tens of milliseconds. Security invoker: RLS scopes the rows too.
create function public.client_duplicates(p_limit integer default 50)
returns table (keep_id uuid, merge_id uuid, reason text, score real)
-- jit off: the planner cannot estimate the joins on phone spellings and compiles the query
-- (a second) to save milliseconds.
language sql stable security invoker set search_path = '' set jit = off as $$
  with by_phone as (
    -- The other spelling of a's number (channels/phones.py `candidates`): Brazil's mobiles
    -- without the ninth digit, Argentina's without the 9 after 54, Mexico's with the 1 after
    -- 52. String tests, not regular expressions, and inline (a function with its own
    -- search_path is not inlined): this runs once per client of the clinic.
    select a.id as a, b.id as b
    from public.clients a
    join public.clients b on b.company_id = a.company_id and b.phone = case
      when length(a.phone) = 14 and left(a.phone, 3) = '+55' and substr(a.phone, 6, 1) = '9'
           and substr(a.phone, 7, 1) between '6' and '9'
        then left(a.phone, 5) || substr(a.phone, 7)
      when length(a.phone) = 14 and left(a.phone, 4) = '+549' then '+54' || substr(a.phone, 5)
      when length(a.phone) = 13 and left(a.phone, 3) = '+52' then '+521' || substr(a.phone, 4)
    end
    where a.company_id = (select private.current_company_id())
  ),
  shared as (
    select a.id as a, b.id as b
    from public.clients a
    join public.clients b on b.company_id = a.company_id and b.email = a.email and b.id > a.id
    where a.company_id = (select private.current_company_id())
    union
    select a.id, b.id
    from public.clients a
    join public.clients b
      on b.company_id = a.company_id and b.birth_date = a.birth_date and b.id > a.id
    where a.company_id = (select private.current_company_id())
    union
    select a.id, b.id
    from public.clients a
    join public.clients b
      on b.company_id = a.company_id and right(b.phone, 8) = right(a.phone, 8) and b.id > a.id
    where a.company_id = (select private.current_company_id())
  ),
  found as (
    select p.a, p.b, 'phone'::text as reason, 1::real as score from by_phone p
    union all
    select s.a, s.b, 'name', extensions.similarity(a.search_name, b.search_name)
    from shared s
    join public.clients a on a.id = s.a
    join public.clients b on b.id = s.b
    where extensions.similarity(a.search_name, b.search_name) >= 0.6
      and not exists (select from by_phone p where p.a in (s.a, s.b) and p.b in (s.a, s.b))
  )
  select case when (a.created_at, a.id) <= (b.created_at, b.id) then a.id else b.id end,
         case when (a.created_at, a.id) <= (b.created_at, b.id) then b.id else a.id end,
         f.reason, f.score
  from found f
  join public.clients a on a.id = f.a
  join public.clients b on b.id = f.b
  order by f.reason = 'phone' desc, f.score desc,
           greatest(coalesce(a.last_interaction_at, a.created_at),
                    coalesce(b.last_interaction_at, b.created_at)) desc, 1, 2
  limit least(greatest(coalesce(p_limit, 50), 1), 200)
$$;
revoke execute on function public.client_duplicates(integer) from public, anon;
grant execute on function public.client_duplicates(integer) to authenticated;

-- Merge client p_merge_id into p_keep_id, both of the caller's clinic (else PT404); any member
-- may. Every row of every table with a foreign key to clients moves to the kept client (found in
-- the catalog, so a table added later is moved too instead of being deleted by the cascade);
-- where both had an open conversation on a channel, the older one is closed first (one open
-- conversation per client and channel). The kept client keeps its own identities and gains the
-- merged one's where it has none, and both clients' tags; its stage stays as it is, and the
-- merged client's stage history joins its own. Audited without personal data: the merged id
-- and how many rows moved. Answers the kept client (without the CPF).
create function public.merge_clients(p_keep_id uuid, p_merge_id uuid)
returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_company uuid := private.current_company_id();
  v_keep public.clients;
  v_merge public.clients;
  v_ref record;
  v_rows integer;
  v_closed integer;
  v_moved jsonb := '{}';
begin
  perform from public.clients
  where company_id = v_company and id in (p_keep_id, p_merge_id)
  order by id for update;
  select * into v_keep from public.clients where company_id = v_company and id = p_keep_id;
  select * into v_merge from public.clients where company_id = v_company and id = p_merge_id;
  if v_keep.id is null or v_merge.id is null then
    raise exception 'client not found' using errcode = 'PT404';
  end if;
  if p_keep_id = p_merge_id then
    raise exception 'a client cannot be merged into itself' using errcode = '22023',
      hint = 'same_client';
  end if;

  with open_pairs as (
    select k.id as kept_thread, m.id as merged_thread,
           coalesce(k.last_message_at, k.started_at) < coalesce(m.last_message_at, m.started_at)
             as kept_is_older
    from public.conversation_threads k
    join public.conversation_threads m
      on m.company_id = v_company and m.client_id = p_merge_id and m.channel = k.channel
     and m.status = 'active'
    where k.company_id = v_company and k.client_id = p_keep_id and k.status = 'active'
  )
  update public.conversation_threads t set status = 'closed', ended_at = now()
  from open_pairs o
  where t.company_id = v_company
    and t.id = case when o.kept_is_older then o.kept_thread else o.merged_thread end;
  get diagnostics v_closed = row_count;

  -- Each foreign key to clients(id), with its table's company column when the key has one
  -- (every index on these tables starts with company_id).
  for v_ref in
    select rel.relname as name, con.conrelid::regclass::text as tbl, fk.attname as client_col,
           (select ca.attname
            from unnest(con.conkey, con.confkey) as k2(col, ref)
            join pg_catalog.pg_attribute ca on ca.attrelid = con.conrelid and ca.attnum = k2.col
            join pg_catalog.pg_attribute cr on cr.attrelid = con.confrelid and cr.attnum = k2.ref
            where cr.attname = 'company_id') as company_col
    from pg_catalog.pg_constraint con
    join pg_catalog.pg_class rel on rel.oid = con.conrelid
    cross join lateral unnest(con.conkey, con.confkey) as k(col, ref)
    join pg_catalog.pg_attribute fk on fk.attrelid = con.conrelid and fk.attnum = k.col
    join pg_catalog.pg_attribute pk on pk.attrelid = con.confrelid and pk.attnum = k.ref
    where con.contype = 'f' and con.confrelid = 'public.clients'::regclass
      and pk.attname = 'id'
    order by rel.relname, fk.attname
  loop
    if v_ref.company_col is null then
      execute format('update %s set %I = $1 where %I = $2', v_ref.tbl, v_ref.client_col,
                     v_ref.client_col)
        using p_keep_id, p_merge_id;
    else
      execute format('update %s set %I = $1 where %I = $3 and %I = $2', v_ref.tbl,
                     v_ref.client_col, v_ref.company_col, v_ref.client_col)
        using p_keep_id, p_merge_id, v_company;
    end if;
    get diagnostics v_rows = row_count;
    v_moved := v_moved || jsonb_build_object(v_ref.name,
                                             coalesce((v_moved ->> v_ref.name)::integer, 0)
                                             + v_rows);
  end loop;

  -- Deleted before the kept client takes its phone and ids (each unique in the clinic); it has
  -- nothing left for the cascade to remove.
  delete from public.clients where company_id = v_company and id = p_merge_id;

  update public.clients k set
    phone = coalesce(k.phone, v_merge.phone),
    whatsapp_id = coalesce(k.whatsapp_id, v_merge.whatsapp_id),
    instagram_id = coalesce(k.instagram_id, v_merge.instagram_id),
    email = coalesce(k.email, v_merge.email),
    birth_date = coalesce(k.birth_date, v_merge.birth_date),
    cpf = coalesce(k.cpf, v_merge.cpf),
    owner_id = coalesce(k.owner_id, v_merge.owner_id),
    source_channel = coalesce(k.source_channel, v_merge.source_channel),
    notes = coalesce(k.notes, v_merge.notes),
    is_lead = k.is_lead and v_merge.is_lead,
    tags = k.tags || array(
      select u.tag from unnest(v_merge.tags) with ordinality as u(tag, n)
      where not exists (select from unnest(k.tags) as t(tag) where lower(t.tag) = lower(u.tag))
      order by u.n),
    last_interaction_at = greatest(k.last_interaction_at, v_merge.last_interaction_at),
    created_at = least(k.created_at, v_merge.created_at)
  where k.company_id = v_company and k.id = p_keep_id
  returning * into v_keep;

  perform private.audit(v_company, 'client.merged', 'client', p_keep_id,
                        jsonb_build_object('merged_id', p_merge_id, 'moved', v_moved,
                                           'conversations_closed', v_closed));
  return to_jsonb(v_keep) - 'cpf';
end
$$;
revoke execute on function public.merge_clients(uuid, uuid) from public, anon, service_role;
grant execute on function public.merge_clients(uuid, uuid) to authenticated;
