-- Issue 12, services and payments.
--
-- * Services: members read them, only admins write them (until now any member could). A name
--   is unique in the clinic whatever its case. A service that was ever booked is archived
--   (archived_at) instead of deleted, so its appointments keep their service; an archived
--   service can be restored. `remove_service` makes that choice in one statement.
-- * Payments: `record_payment` checks and writes a payment in one transaction, as the caller
--   (RLS decides whose client and appointment it is); an appointment of another client is
--   refused. Recording a payment changes nothing else (an appointment keeps its status).
--   `set_payment_status` changes a payment's status, giving it a paid date when it gets one.
-- * Both are in the audit trail (triggers, whoever writes).

drop policy "members insert" on public.services;
drop policy "members update" on public.services;
drop policy "members delete" on public.services;
create policy "admins insert services" on public.services for insert to authenticated
  with check (company_id = (select private.current_company_id())
              and (select private.current_user_role()) = 'admin');
create policy "admins update services" on public.services for update to authenticated
  using (company_id = (select private.current_company_id())
         and (select private.current_user_role()) = 'admin')
  with check (company_id = (select private.current_company_id()));
create policy "admins delete services" on public.services for delete to authenticated
  using (company_id = (select private.current_company_id())
         and (select private.current_user_role()) = 'admin');
revoke all on public.services from anon, authenticated;
grant select, insert, delete on public.services to authenticated;
grant update (name, price, duration_minutes, color, active, archived_at)
  on public.services to authenticated;

create unique index services_name_folded_idx on public.services (company_id, lower(name));
comment on table public.services is
  'What a clinic offers: duration, price in the clinic''s currency, color; written by admins, '
  'archived (never deleted) once booked.';

insert into private.audit_actions (action)
values ('service.created'), ('service.updated'), ('service.archived'), ('service.restored'),
       ('service.deleted'), ('payment.recorded'), ('payment.status_changed')
on conflict do nothing;

create function private.audit_service() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_row public.services := case tg_op when 'DELETE' then old else new end;
  v_action text := case
    when tg_op = 'INSERT' then 'service.created'
    when tg_op = 'DELETE' then 'service.deleted'
    when old.archived_at is null and new.archived_at is not null then 'service.archived'
    when old.archived_at is not null and new.archived_at is null then 'service.restored'
    else 'service.updated' end;
begin
  perform private.audit(v_row.company_id, v_action, 'service', v_row.id,
                        jsonb_build_object('name', v_row.name, 'price', v_row.price,
                                           'duration_minutes', v_row.duration_minutes,
                                           'active', v_row.active));
  return null;
end
$$;
revoke execute on function private.audit_service() from public, anon, authenticated;
create trigger audit_service after insert or update or delete on public.services
  for each row execute function private.audit_service();

-- Admins: deletes a service never booked; archives one that was. 'deleted' or 'archived'.
create function public.remove_service(p_service_id uuid) returns text
language plpgsql security invoker set search_path = '' as $$
declare
  v_company uuid := private.admin_company_id();
  v_id uuid;
begin
  select id into v_id from public.services
  where id = p_service_id and company_id = v_company for update;
  if v_id is null then
    raise exception 'service not found' using errcode = 'PT404';
  end if;
  if exists (select from public.appointments
             where company_id = v_company and service_id = p_service_id) then
    update public.services set archived_at = coalesce(archived_at, now()), active = false
    where id = p_service_id;
    return 'archived';
  end if;
  delete from public.services where id = p_service_id;
  return 'deleted';
end
$$;
revoke execute on function public.remove_service(uuid) from public, anon;
grant execute on function public.remove_service(uuid) to authenticated;

create function private.payment_checks(p_amount numeric, p_method text, p_status text)
returns void
language plpgsql immutable set search_path = '' as $$
begin
  if p_amount is null or p_amount <= 0 or p_amount >= 10000000000
     or p_amount <> round(p_amount, 2) then
    raise exception 'the amount must be above 0, with at most 2 decimals' using
      errcode = '22023', hint = 'amount';
  end if;
  if p_method is null or p_method not in
      ('pix', 'credit_card', 'debit_card', 'cash', 'bank_transfer', 'other') then
    raise exception 'unknown payment method %', p_method using errcode = '22023',
      hint = 'method';
  end if;
  if p_status is null or p_status not in ('paid', 'pending', 'refunded') then
    raise exception 'unknown payment status %', p_status using errcode = '22023',
      hint = 'status';
  end if;
end
$$;
revoke execute on function private.payment_checks(numeric, text, text) from public, anon;
grant execute on function private.payment_checks(numeric, text, text) to authenticated;

-- A payment of a client of the caller's clinic, optionally for one of that client's
-- appointments. Paid or refunded without a date: paid now.
create function public.record_payment(p_client_id uuid, p_amount numeric, p_method text,
                                      p_status text, p_appointment_id uuid default null,
                                      p_paid_at timestamptz default null)
returns jsonb
language plpgsql security invoker set search_path = '' as $$
declare
  v_client public.clients;
  v_appointment public.appointments;
  v_row public.payments;
begin
  select * into v_client from public.clients where id = p_client_id;
  if v_client.id is null then
    raise exception 'client not found' using errcode = 'PT404', hint = 'client_not_found';
  end if;
  if p_appointment_id is not null then
    select * into v_appointment from public.appointments where id = p_appointment_id;
    if v_appointment.id is null then
      raise exception 'appointment not found' using errcode = 'PT404',
        hint = 'appointment_not_found';
    end if;
    if v_appointment.client_id <> v_client.id then
      raise exception 'the appointment is another client''s' using errcode = '22023',
        hint = 'appointment_of_another_client';
    end if;
  end if;
  perform private.payment_checks(p_amount, p_method, p_status);
  insert into public.payments (company_id, client_id, appointment_id, amount, method, status,
                               paid_at)
  values (v_client.company_id, v_client.id, p_appointment_id, p_amount, p_method, p_status,
          case when p_status = 'pending' then p_paid_at else coalesce(p_paid_at, now()) end)
  returning * into v_row;
  return to_jsonb(v_row);
end
$$;
revoke execute on function public.record_payment(uuid, numeric, text, text, uuid, timestamptz)
  from public, anon;
grant execute on function public.record_payment(uuid, numeric, text, text, uuid, timestamptz)
  to authenticated;

create function public.set_payment_status(p_payment_id uuid, p_status text) returns jsonb
language plpgsql security invoker set search_path = '' as $$
declare
  v_row public.payments;
begin
  select * into v_row from public.payments where id = p_payment_id for update;
  if v_row.id is null then
    raise exception 'payment not found' using errcode = 'PT404';
  end if;
  perform private.payment_checks(v_row.amount, v_row.method, p_status);
  update public.payments
  set status = p_status,
      paid_at = case when p_status = 'pending' then paid_at else coalesce(paid_at, now()) end
  where id = p_payment_id
  returning * into v_row;
  return to_jsonb(v_row);
end
$$;
revoke execute on function public.set_payment_status(uuid, text) from public, anon;
grant execute on function public.set_payment_status(uuid, text) to authenticated;

create function private.audit_payment() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  -- What members do (in the app or with an API key); not the service role's bulk loads.
  if (tg_op = 'INSERT' or new.status is distinct from old.status)
     and private.current_user_id() is not null then
    perform private.audit(new.company_id,
                          case tg_op when 'INSERT' then 'payment.recorded'
                                     else 'payment.status_changed' end,
                          'payment', new.id,
                          jsonb_build_object('client_id', new.client_id,
                                             'appointment_id', new.appointment_id,
                                             'amount', new.amount, 'method', new.method,
                                             'status', new.status,
                                             'from_status', case when tg_op = 'UPDATE'
                                                                 then old.status end));
  end if;
  return null;
end
$$;
revoke execute on function private.audit_payment() from public, anon, authenticated;
create trigger audit_payment after insert or update of status on public.payments
  for each row execute function private.audit_payment();
