-- Integration secrets as ONE sealed document per row (signing secret, previous signing secret
-- and until when it still verifies, Meta app secret and verify token, provider credentials),
-- written by the server as the text its keyring produces: "v<key version>.<base64url>", so a
-- plaintext value cannot be stored by mistake. Nobody signed in may read it back (no column
-- privilege); the server reads it with the service role, scoped by company.
alter table public.integrations
  drop column credentials_ciphertext,
  drop column signing_secret_ciphertext,
  drop column previous_signing_secret_ciphertext,
  drop column previous_secret_valid_until,
  add column secrets_sealed text
    check (secrets_sealed ~ '^v[0-9]+\.[A-Za-z0-9_-]+=*$'),
  -- Bumped by every write of secrets_sealed: writers compare-and-set on it, so two admins
  -- rotating at once cannot silently drop each other's secret.
  add column secrets_revision integer not null default 0 check (secrets_revision >= 0);

comment on column public.integrations.secrets_sealed is
  'AES-256-GCM sealed JSON of every secret of this integration; never plaintext, never selectable when signed in';

-- Column privileges: the revision is visible (writers filter on it), the sealed document is not.
revoke select (secrets_sealed) on public.integrations from anon, authenticated;
grant select (secrets_revision) on public.integrations to authenticated;
