-- The clinic data model: one company (clinic) owns everything below it.
-- Child rows reference their parents through (company_id, id) pairs, so a row can never point at
-- another company's client, thread or appointment, whoever writes it.

create extension if not exists pg_trgm with schema extensions;
create schema if not exists private;
revoke all on schema private from public;
grant usage on schema private to authenticated, service_role;

create function private.touch_updated_at() returns trigger
language plpgsql set search_path = '' as $$
begin
  new.updated_at := now();
  return new;
end
$$;

create function private.is_timezone(name text) returns boolean
language sql stable set search_path = '' as $$
  select exists (select from pg_catalog.pg_timezone_names where pg_timezone_names.name = $1)
$$;

-- {"mon": [{"start": "08:00", "end": "12:00"}, ...], ..., "sun": []}: known days only, each a
-- list of HH:MM intervals with start < end.
create function private.is_working_hours(hours jsonb) returns boolean
language sql immutable set search_path = '' as $$
  select jsonb_typeof(hours) = 'object'
     and not exists (
       select from jsonb_each(hours) as day(key, intervals)
       where day.key not in ('mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun')
          or jsonb_typeof(day.intervals) <> 'array'
          or exists (
            select from jsonb_array_elements(day.intervals) as slot(value)
            where jsonb_typeof(slot.value) <> 'object'
               or coalesce(slot.value ->> 'start', '') !~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'
               or coalesce(slot.value ->> 'end', '') !~ '^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$'
               or (slot.value ->> 'start') >= (slot.value ->> 'end')))
$$;

create table public.companies (
  id uuid primary key default gen_random_uuid(),
  name text not null check (length(btrim(name)) between 1 and 200),
  slug text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(slug) <= 80),
  timezone text not null default 'America/Sao_Paulo' check (private.is_timezone(timezone)),
  locale text not null default 'pt-BR' check (locale in ('pt-BR', 'en', 'es')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table public.users (
  id uuid primary key default gen_random_uuid(),
  auth_user_id uuid not null unique references auth.users (id) on delete cascade,
  company_id uuid references public.companies (id) on delete cascade,
  role text not null default 'staff' check (role in ('admin', 'staff')),
  status text not null default 'active' check (status in ('active', 'invited', 'disabled')),
  full_name text not null default '',
  email text not null default '',
  locale text check (locale in ('pt-BR', 'en', 'es')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (company_id, id)
);
create index users_company_id_idx on public.users (company_id);

create table public.clients (
  id uuid primary key default gen_random_uuid(),
  company_id uuid not null references public.companies (id) on delete cascade,
  full_name text not null check (length(btrim(full_name)) between 1 and 200),
  phone text check (phone ~ '^\+[1-9][0-9]{6,14}$'),
  email text check (email ~* '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$'),
  instagram_id text check (length(instagram_id) between 1 and 64),
  whatsapp_id text check (whatsapp_id ~ '^[0-9]{6,20}$'),
  source_channel text check (source_channel in
    ('whatsapp', 'instagram', 'email', 'sms', 'webchat', 'internal', 'manual', 'referral')),
  is_lead boolean not null default true,
  pipeline_stage text not null default 'new' check (pipeline_stage in
    ('new', 'contacted', 'qualified', 'scheduled', 'won', 'lost')),
  tags text[] not null default '{}',
  notes text,
  last_interaction_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (company_id, id),
  unique (company_id, phone),
  unique (company_id, instagram_id),
  unique (company_id, whatsapp_id)
);
-- Staff search by any part of a name ("silva") or of a number (its last digits): trigram GIN
-- serves `ilike '%...%'`, which a prefix b-tree cannot.
create index clients_full_name_trgm_idx on public.clients using gin (full_name extensions.gin_trgm_ops);
create index clients_phone_trgm_idx on public.clients using gin (phone extensions.gin_trgm_ops);
create index clients_pipeline_idx on public.clients (company_id, pipeline_stage, updated_at desc);

create table public.services (
  id uuid primary key default gen_random_uuid(),
  company_id uuid not null references public.companies (id) on delete cascade,
  name text not null check (length(btrim(name)) between 1 and 200),
  price numeric(12, 2) not null check (price >= 0),
  duration_minutes integer not null check (duration_minutes > 0 and duration_minutes <= 1440),
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (company_id, id),
  unique (company_id, name)
);

create table public.appointments (
  id uuid primary key default gen_random_uuid(),
  company_id uuid not null references public.companies (id) on delete cascade,
  client_id uuid not null,
  service_id uuid,
  professional_id uuid,
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  status text not null default 'scheduled' check (status in
    ('scheduled', 'confirmed', 'completed', 'cancelled', 'no_show')),
  notes text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (ends_at > starts_at),
  unique (company_id, id),
  foreign key (company_id, client_id) references public.clients (company_id, id) on delete cascade,
  foreign key (company_id, service_id) references public.services (company_id, id),
  foreign key (company_id, professional_id) references public.users (company_id, id)
);
create index appointments_company_starts_idx on public.appointments (company_id, starts_at);
create index appointments_client_idx on public.appointments (company_id, client_id, starts_at desc);
create index appointments_service_idx on public.appointments (company_id, service_id);
create index appointments_professional_idx on public.appointments (company_id, professional_id);

create table public.payments (
  id uuid primary key default gen_random_uuid(),
  company_id uuid not null references public.companies (id) on delete cascade,
  client_id uuid not null,
  appointment_id uuid,
  amount numeric(12, 2) not null check (amount > 0),
  method text not null check (method in
    ('pix', 'credit_card', 'debit_card', 'cash', 'bank_transfer', 'other')),
  status text not null default 'pending' check (status in ('pending', 'paid', 'refunded')),
  paid_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (status = 'pending' or paid_at is not null),
  foreign key (company_id, client_id) references public.clients (company_id, id) on delete cascade,
  foreign key (company_id, appointment_id) references public.appointments (company_id, id)
);
create index payments_client_idx on public.payments (company_id, client_id);
create index payments_appointment_idx on public.payments (company_id, appointment_id);
create index payments_company_paid_idx on public.payments (company_id, paid_at);

create table public.settings (
  id uuid primary key default gen_random_uuid(),
  company_id uuid not null unique references public.companies (id) on delete cascade,
  working_hours jsonb not null default '{}' check (private.is_working_hours(working_hours)),
  contact_email text check (contact_email ~* '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$'),
  contact_phone text check (contact_phone ~ '^\+[1-9][0-9]{6,14}$'),
  logo_url text check (logo_url ~ '^https?://'),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table public.conversation_threads (
  id uuid primary key default gen_random_uuid(),
  company_id uuid not null references public.companies (id) on delete cascade,
  client_id uuid not null,
  channel text not null check (channel in
    ('whatsapp', 'instagram', 'email', 'sms', 'webchat', 'internal')),
  status text not null default 'active' check (status in ('active', 'closed')),
  started_at timestamptz not null default now(),
  ended_at timestamptz,
  last_message_at timestamptz,
  last_inbound_at timestamptz,
  last_message_preview text,
  last_message_direction text check (last_message_direction in ('inbound', 'outbound')),
  unread_count integer not null default 0 check (unread_count >= 0),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((status = 'closed') = (ended_at is not null)),
  unique (company_id, id),
  foreign key (company_id, client_id) references public.clients (company_id, id) on delete cascade
);
-- One open conversation per client and channel: concurrent deliveries cannot open two.
create unique index conversation_threads_one_active_idx
  on public.conversation_threads (company_id, client_id, channel) where status = 'active';
create index conversation_threads_client_idx
  on public.conversation_threads (company_id, client_id, last_message_at desc);
-- The inbox: a company's threads, newest activity first.
create index conversation_threads_inbox_idx
  on public.conversation_threads (company_id, last_message_at desc nulls last, id);

create table public.interactions (
  id uuid primary key default gen_random_uuid(),
  company_id uuid not null references public.companies (id) on delete cascade,
  conversation_id uuid not null,
  client_id uuid not null,
  channel text not null check (channel in
    ('whatsapp', 'instagram', 'email', 'sms', 'webchat', 'internal')),
  direction text not null check (direction in ('inbound', 'outbound')),
  content text,
  media jsonb,
  status text not null check (status in ('received', 'queued', 'sent', 'delivered', 'read', 'failed')),
  external_message_id text,
  sent_by uuid,
  error text,
  occurred_at timestamptz not null default now(),
  metadata jsonb not null default '{}',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((direction = 'inbound') = (status = 'received')),
  check (content is not null or media is not null),
  unique (company_id, channel, external_message_id),
  foreign key (company_id, conversation_id)
    references public.conversation_threads (company_id, id) on delete cascade,
  foreign key (company_id, client_id) references public.clients (company_id, id) on delete cascade,
  foreign key (company_id, sent_by) references public.users (company_id, id)
);
create index interactions_conversation_idx
  on public.interactions (company_id, conversation_id, occurred_at desc, id desc);
create index interactions_client_idx on public.interactions (company_id, client_id, occurred_at desc);
create index interactions_sent_by_idx on public.interactions (company_id, sent_by);

create table public.ai_context_snapshots (
  id uuid primary key default gen_random_uuid(),
  company_id uuid not null references public.companies (id) on delete cascade,
  client_id uuid not null,
  summary text not null,
  important_flags jsonb not null default '{}' check (jsonb_typeof(important_flags) = 'object'),
  source_conversation_id uuid,
  trigger text not null check (trigger in ('manual', 'conversation_closed', 'scheduled')),
  model text not null,
  generated_at timestamptz not null default now(),
  input_messages integer not null default 0 check (input_messages >= 0),
  input_chars integer not null default 0 check (input_chars >= 0),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (company_id, client_id) references public.clients (company_id, id) on delete cascade,
  foreign key (company_id, source_conversation_id)
    references public.conversation_threads (company_id, id) on delete set null (source_conversation_id)
);
create index ai_context_snapshots_client_idx
  on public.ai_context_snapshots (company_id, client_id, generated_at desc);
create index ai_context_snapshots_conversation_idx
  on public.ai_context_snapshots (company_id, source_conversation_id);

-- Secrets are stored only as AES-256-GCM ciphertext made by the server (key version kept for
-- rotation); `authenticated` may never read those columns (see the RLS migration).
create table public.integrations (
  id uuid primary key default gen_random_uuid(),
  company_id uuid not null references public.companies (id) on delete cascade,
  channel text not null check (channel in ('whatsapp', 'instagram')),
  provider text not null default 'n8n' check (provider in ('n8n', 'meta')),
  status text not null default 'inactive' check (status in ('active', 'inactive')),
  public_key text not null unique
    default encode(extensions.gen_random_bytes(18), 'hex') check (length(public_key) >= 24),
  outbound_url text check (outbound_url ~ '^https?://'),
  credentials_ciphertext bytea,
  signing_secret_ciphertext bytea,
  previous_signing_secret_ciphertext bytea,
  previous_secret_valid_until timestamptz,
  key_version integer not null default 1 check (key_version > 0),
  last_used_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (company_id, channel)
);

create table public.pipeline_stage_changes (
  id uuid primary key default gen_random_uuid(),
  company_id uuid not null references public.companies (id) on delete cascade,
  client_id uuid not null,
  from_stage text,
  to_stage text not null,
  changed_by uuid,
  changed_at timestamptz not null default now(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (company_id, client_id) references public.clients (company_id, id) on delete cascade,
  foreign key (company_id, changed_by) references public.users (company_id, id)
);
create index pipeline_stage_changes_client_idx
  on public.pipeline_stage_changes (company_id, client_id, changed_at desc);
create index pipeline_stage_changes_changed_by_idx on public.pipeline_stage_changes (company_id, changed_by);

create table public.audit_log (
  id uuid primary key default gen_random_uuid(),
  company_id uuid not null references public.companies (id) on delete cascade,
  actor_user_id uuid,
  action text not null check (length(action) between 1 and 100),
  entity text not null check (length(entity) between 1 and 100),
  entity_id uuid,
  at timestamptz not null default now(),
  details jsonb not null default '{}',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (company_id, actor_user_id) references public.users (company_id, id)
);
create index audit_log_company_at_idx on public.audit_log (company_id, at desc);
create index audit_log_actor_idx on public.audit_log (company_id, actor_user_id);

do $$
declare
  t text;
begin
  foreach t in array array['companies', 'users', 'clients', 'services', 'appointments', 'payments',
                           'settings', 'conversation_threads', 'interactions',
                           'ai_context_snapshots', 'integrations', 'pipeline_stage_changes',
                           'audit_log']
  loop
    execute format('create trigger touch_updated_at before update on public.%I '
                   'for each row execute function private.touch_updated_at()', t);
  end loop;
end
$$;
