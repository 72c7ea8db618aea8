-- The inbox for a clinic's whole day: one order for messages that share a second, search that
-- ignores accents and case, and full-text search over what patients wrote.

-- 1. Order. Providers stamp messages to the second, so two messages often share `occurred_at`.
-- Each message gets its conversation's next number on insert; (occurred_at, seq) is the one
-- order used by the pane, the list's preview and the API. Numbering updates the thread row, so
-- writers to one conversation take turns and the preview (latest insert wins a tie) agrees.
alter table public.conversation_threads add column message_seq bigint not null default 0;
alter table public.interactions add column seq bigint;

update public.interactions i set seq = numbered.n
from (select id, row_number() over (partition by company_id, conversation_id
                                    order by occurred_at, created_at, id) as n
      from public.interactions) numbered
where numbered.id = i.id;
update public.conversation_threads t set message_seq = numbered.last
from (select company_id, conversation_id, max(seq) as last from public.interactions
      group by company_id, conversation_id) numbered
where numbered.company_id = t.company_id and numbered.conversation_id = t.id;

alter table public.interactions alter column seq set not null;
create unique index interactions_conversation_seq_idx
  on public.interactions (company_id, conversation_id, seq);
drop index public.interactions_conversation_idx;
create index interactions_conversation_idx
  on public.interactions (company_id, conversation_id, occurred_at desc, seq desc);

-- Bulk loaders that number their own rows (demo data) pass `seq` and set the thread's counter.
create function private.number_message() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  update public.conversation_threads set message_seq = message_seq + 1
  where company_id = new.company_id and id = new.conversation_id
  returning message_seq into new.seq;
  if new.seq is null then
    raise exception 'conversation not found' using errcode = 'PT404';
  end if;
  return new;
end
$$;
create trigger number_message before insert on public.interactions
  for each row when (new.seq is null) execute function private.number_message();

create function private.keep_message_order() returns trigger
language plpgsql set search_path = '' as $$
begin
  if new.seq is distinct from old.seq or new.conversation_id is distinct from old.conversation_id then
    raise exception 'a message''s place in its conversation cannot change' using errcode = 'PT403';
  end if;
  return new;
end
$$;
create trigger keep_message_order before update of seq, conversation_id on public.interactions
  for each row execute function private.keep_message_order();

-- 2. Names as people type them: "joao" finds "João", "ze" finds "Zé". unaccent is only stable
-- (its dictionary could change), so an immutable wrapper naming the dictionary lets a stored
-- column and a trigram index use it.
create extension if not exists unaccent with schema extensions;
create extension if not exists btree_gin with schema extensions;

create function private.fold(p_text text) returns text
language sql immutable strict parallel safe set search_path = '' as $$
  select lower(extensions.unaccent('extensions.unaccent'::regdictionary, p_text))
$$;

alter table public.clients
  add column search_name text generated always as (private.fold(full_name)) stored;
create index clients_search_name_trgm_idx
  on public.clients using gin (search_name extensions.gin_trgm_ops);

-- 3. Message text, stemmed in the clinic's language with accents ignored; the headline shows
-- the original text with the matches marked.
create text search configuration public.omni_pt (copy = pg_catalog.portuguese);
alter text search configuration public.omni_pt
  alter mapping for hword, hword_part, word with extensions.unaccent, portuguese_stem;
create text search configuration public.omni_es (copy = pg_catalog.spanish);
alter text search configuration public.omni_es
  alter mapping for hword, hword_part, word with extensions.unaccent, spanish_stem;
create text search configuration public.omni_en (copy = pg_catalog.english);
alter text search configuration public.omni_en
  alter mapping for hword, hword_part, word with extensions.unaccent, english_stem;

create function private.text_search_config(p_company uuid) returns regconfig
language sql stable set search_path = '' as $$
  select case locale when 'es' then 'public.omni_es' when 'en' then 'public.omni_en'
                     else 'public.omni_pt' end::regconfig
  from public.companies where id = p_company
$$;

create function private.message_document(p_content text, p_media jsonb) returns text
language sql immutable parallel safe set search_path = '' as $$
  select concat_ws(' ', p_content, p_media->>'caption')
$$;

alter table public.interactions add column search_vector tsvector;
update public.interactions i
set search_vector = to_tsvector(private.text_search_config(i.company_id),
                                private.message_document(i.content, i.media));

create function private.index_message_text() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  new.search_vector := to_tsvector(private.text_search_config(new.company_id),
                                   private.message_document(new.content, new.media));
  return new;
end
$$;
create trigger index_message_text before insert on public.interactions
  for each row execute function private.index_message_text();

create index interactions_search_idx
  on public.interactions using gin (company_id, search_vector);

-- The inbox list gains the folded name to search on.
create or replace view public.inbox_conversations with (security_invoker = true) as
select t.id, t.company_id, t.client_id, t.channel, t.status, t.started_at, t.ended_at,
       t.last_message_at, t.last_inbound_at, t.last_message_preview, t.last_message_direction,
       t.unread_count, c.full_name as client_name, c.phone as client_phone,
       c.instagram_id as client_instagram_id, c.search_name as client_search_name
from public.conversation_threads t
join public.clients c on c.company_id = t.company_id and c.id = t.client_id;

-- Messages of the caller's clinic matching what they typed (web-search syntax: words, "a
-- phrase", -word), newest first, strictly older than (p_before_at, p_before_id) when paging. The
-- query is built once, the page is chosen before anything is joined, and only its rows get a
-- headline, which marks matches with U+0002 … U+0003.
-- Security definer, every statement scoped to the caller's clinic: under RLS the planner may
-- not use `@@` (not leakproof) as an index condition, so the GIN index would only narrow by
-- company and each of the clinic's messages would be read and tested.
create function public.search_messages(p_query text, p_limit integer default 20,
                                       p_before_at timestamptz default null,
                                       p_before_id uuid default null)
returns table (interaction_id uuid, conversation_id uuid, client_id uuid, client_name text,
               channel text, direction text, occurred_at timestamptz, seq bigint,
               conversation_status text, headline text)
language plpgsql stable security definer set search_path = '' as $$
#variable_conflict use_column
declare
  v_company uuid := private.current_company_id();
  v_config regconfig := private.text_search_config(v_company);
  v_terms tsquery := websearch_to_tsquery(v_config, left(coalesce(p_query, ''), 200));
  v_options text := format('StartSel=%s, StopSel=%s, MaxWords=24, MinWords=8, MaxFragments=1',
                           chr(2), chr(3));
begin
  if v_company is null or numnode(v_terms) = 0 then
    return;
  end if;
  return query
  with page as materialized (
    select i.id, i.conversation_id, i.client_id, i.channel, i.direction, i.occurred_at, i.seq,
           private.message_document(i.content, i.media) as document
    from public.interactions i
    where i.company_id = v_company and i.search_vector @@ v_terms
      and (p_before_at is null or (i.occurred_at, i.id) < (p_before_at, p_before_id))
    order by i.occurred_at desc, i.id desc
    limit least(greatest(coalesce(p_limit, 20), 1), 50))
  select page.id, page.conversation_id, page.client_id, c.full_name, page.channel,
         page.direction, page.occurred_at, page.seq, t.status,
         ts_headline(v_config, page.document, v_terms, v_options)
  from page
  join public.conversation_threads t on t.company_id = v_company and t.id = page.conversation_id
  join public.clients c on c.company_id = v_company and c.id = page.client_id
  order by page.occurred_at desc, page.id desc;
end
$$;
revoke execute on function public.search_messages(text, integer, timestamptz, uuid)
  from public, anon;
grant execute on function public.search_messages(text, integer, timestamptz, uuid)
  to authenticated, service_role;
