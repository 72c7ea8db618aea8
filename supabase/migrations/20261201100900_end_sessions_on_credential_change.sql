-- A new password (set by the user, an admin or an operator, through the app or Auth directly)
-- or a ban ends every browser session the app keeps for that user at once; the app signs the
-- browser that changed the password in again with the new one.
create function private.end_app_sessions() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  delete from public.app_sessions where auth_user_id = new.id;
  return null;
end
$$;
revoke execute on function private.end_app_sessions() from public, anon, authenticated;

create trigger end_app_sessions_on_new_password after update of encrypted_password on auth.users
  for each row when (old.encrypted_password is distinct from new.encrypted_password)
  execute function private.end_app_sessions();
create trigger end_app_sessions_on_ban after update of banned_until on auth.users
  for each row when (new.banned_until is not null and new.banned_until > now()
                     and old.banned_until is distinct from new.banned_until)
  execute function private.end_app_sessions();
