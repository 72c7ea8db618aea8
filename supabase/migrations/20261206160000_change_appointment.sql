-- PATCH /api/v1/appointments/{id} may move an appointment and change its status at once: both
-- in one transaction (a refused status leaves the time as it was, and the other way round).
create function public.change_appointment(p_id uuid, p_move boolean, p_starts_at timestamptz,
                                          p_ends_at timestamptz, p_professional_id uuid,
                                          p_status text, p_reason text default null)
returns jsonb
language plpgsql security invoker set search_path = '' as $$
declare
  v_row jsonb;
begin
  if p_move then
    v_row := public.move_appointment(p_id, p_starts_at, p_ends_at, p_professional_id);
  end if;
  if p_status is not null then
    v_row := public.set_appointment_status(p_id, p_status, p_reason);
  end if;
  return v_row;
end
$$;
revoke execute on function public.change_appointment(uuid, boolean, timestamptz, timestamptz,
                                                     uuid, text, text) from public, anon;
grant execute on function public.change_appointment(uuid, boolean, timestamptz, timestamptz,
                                                    uuid, text, text) to authenticated;
