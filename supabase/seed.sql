-- Demo data: "Clínica Demo" (an admin and a staff member, two clients, a service, an active
-- WhatsApp conversation) and a second clinic that exists to show isolation.
-- Users are created with crypt() so this runs unchanged on hosted Supabase.

insert into public.companies (id, name, slug) values
  ('c0000000-0000-4000-8000-000000000001', 'Clínica Demo', 'clinica-demo'),
  ('c0000000-0000-4000-8000-000000000002', 'Clínica Outra', 'clinica-outra');

insert into public.settings (company_id, working_hours, contact_email, contact_phone) values
  ('c0000000-0000-4000-8000-000000000001',
   '{"mon": [{"start": "08:00", "end": "18:00"}], "tue": [{"start": "08:00", "end": "18:00"}],
     "wed": [{"start": "08:00", "end": "18:00"}], "thu": [{"start": "08:00", "end": "18:00"}],
     "fri": [{"start": "08:00", "end": "17:00"}], "sat": [{"start": "08:00", "end": "12:00"}],
     "sun": []}',
   'contato@demo.clinic', '+551130000000'),
  ('c0000000-0000-4000-8000-000000000002', '{}', 'contato@other.clinic', null);

insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
                        raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
select '00000000-0000-0000-0000-000000000000', u.id, 'authenticated', 'authenticated', u.email,
       extensions.crypt(u.password, extensions.gen_salt('bf', 10)), now(),
       jsonb_build_object('provider', 'email', 'providers', jsonb_build_array('email'),
                          'company_id', u.company_id, 'role', u.role),
       jsonb_build_object('full_name', u.full_name), now(), now()
from (values
  ('a0000000-0000-4000-8000-000000000001'::uuid, 'admin@demo.clinic', 'omni-demo-admin',
   'c0000000-0000-4000-8000-000000000001', 'admin', 'Ana Administradora'),
  ('a0000000-0000-4000-8000-000000000002'::uuid, 'staff@demo.clinic', 'omni-demo-staff',
   'c0000000-0000-4000-8000-000000000001', 'staff', 'Sérgio Recepção'),
  ('a0000000-0000-4000-8000-000000000003'::uuid, 'admin@other.clinic', 'omni-other-admin',
   'c0000000-0000-4000-8000-000000000002', 'admin', 'Otávio Outra')
) as u (id, email, password, company_id, role, full_name);

insert into auth.identities (provider_id, user_id, identity_data, provider, created_at, updated_at)
select u.id::text, u.id, jsonb_build_object('sub', u.id::text, 'email', u.email,
                                            'email_verified', true),
       'email', now(), now()
from auth.users u
where u.email in ('admin@demo.clinic', 'staff@demo.clinic', 'admin@other.clinic');

-- The auth sync trigger created public.users from app_metadata; the seed names them.
update public.users u set full_name = a.raw_user_meta_data ->> 'full_name'
from auth.users a where a.id = u.auth_user_id;

-- The staff member is also the clinic's professional: Monday to Friday, 08:00-18:00 in the
-- clinic's time zone.
update public.users
set is_professional = true, specialties = '{Clínico geral}',
    working_hours = '{"mon": [{"start": "08:00", "end": "18:00"}],
                      "tue": [{"start": "08:00", "end": "18:00"}],
                      "wed": [{"start": "08:00", "end": "18:00"}],
                      "thu": [{"start": "08:00", "end": "18:00"}],
                      "fri": [{"start": "08:00", "end": "18:00"}]}'
where email = 'staff@demo.clinic';

insert into public.services (company_id, name, price, duration_minutes) values
  ('c0000000-0000-4000-8000-000000000001', 'Limpeza dental', 250.00, 60),
  ('c0000000-0000-4000-8000-000000000002', 'Consulta', 300.00, 30);

insert into public.clients (id, company_id, full_name, phone, whatsapp_id, email, source_channel,
                            is_lead, pipeline_stage, tags) values
  ('d0000000-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000001',
   'Maria Silva', '+5511987654321', '5511987654321', 'maria.silva@example.com', 'whatsapp',
   false, 'won', '{paciente}'),
  ('d0000000-0000-4000-8000-000000000002', 'c0000000-0000-4000-8000-000000000001',
   'João Souza', '+5521998765432', null, null, 'instagram', true, 'contacted', '{lead}'),
  ('d0000000-0000-4000-8000-000000000003', 'c0000000-0000-4000-8000-000000000002',
   'Pedro Lima', '+5531991234567', '5531991234567', null, 'whatsapp', true, 'new', '{}');

-- An active WhatsApp conversation, through the same function the webhooks use.
select public.ingest_inbound_message(
  'c0000000-0000-4000-8000-000000000001', 'whatsapp', 'wamid.seed-0001',
  '{"phone": "+5511987654321", "whatsapp_id": "5511987654321", "name": "Maria Silva"}',
  'Olá! Gostaria de remarcar minha limpeza para a próxima semana.', null,
  now() - interval '20 minutes');

insert into public.interactions (company_id, conversation_id, client_id, channel, direction,
                                 content, status, sent_by, occurred_at)
select t.company_id, t.id, t.client_id, 'whatsapp', 'outbound',
       'Claro, Maria! Temos horário na terça às 10h. Pode ser?', 'delivered', u.id,
       now() - interval '15 minutes'
from public.conversation_threads t
join public.users u on u.email = 'staff@demo.clinic'
where t.client_id = 'd0000000-0000-4000-8000-000000000001';

update public.conversation_threads
set last_message_at = now() - interval '15 minutes',
    last_message_preview = 'Claro, Maria! Temos horário na terça às 10h. Pode ser?',
    last_message_direction = 'outbound'
where client_id = 'd0000000-0000-4000-8000-000000000001';

insert into public.appointments (company_id, client_id, service_id, professional_id, starts_at,
                                 ends_at, status)
select s.company_id, 'd0000000-0000-4000-8000-000000000001', s.id, u.id,
       date_trunc('day', now()) + interval '7 days 13 hours',
       date_trunc('day', now()) + interval '7 days 14 hours', 'scheduled'
from public.services s join public.users u on u.email = 'admin@demo.clinic'
where s.name = 'Limpeza dental';
