"""Supabase-advisor-style lints over the schema the migrations build.

Each query returns one row per offending object (its name); an empty result means clean.
"""
from __future__ import annotations

APP_SCHEMAS = "('public', 'private')"

LINTS: dict[str, str] = {
    "rls_disabled_in_public": """
        select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relrowsecurity
    """,
    # auth_rls_initplan, extended to our private helpers: a call outside `(select ...)` runs
    # once per row instead of once per statement.
    "policy_call_not_wrapped_in_select": """
        select p.tablename || '.' || p.policyname
        from pg_policies p,
             lateral (select coalesce(p.qual, '') || ' ' || coalesce(p.with_check, '') as expr) e
        where p.schemaname = 'public'
          and (select count(*) from regexp_matches(e.expr, '(auth|private)\\.\\w+\\(', 'g'))
            > (select count(*) from regexp_matches(e.expr, 'SELECT (auth|private)\\.\\w+\\(', 'g'))
    """,
    "function_search_path_mutable": f"""
        select n.nspname || '.' || p.proname from pg_proc p
        join pg_namespace n on n.oid = p.pronamespace
        where n.nspname in {APP_SCHEMAS} and p.prokind = 'f'
          and not exists (select from unnest(coalesce(p.proconfig, '{{}}')) c
                          where c like 'search_path=%')
          and not exists (select from pg_depend d where d.objid = p.oid and d.deptype = 'e')
    """,
    "unindexed_foreign_keys": """
        select c.conrelid::regclass || ' ' || c.conname from pg_constraint c
        join pg_class t on t.oid = c.conrelid join pg_namespace n on n.oid = t.relnamespace
        where c.contype = 'f' and n.nspname = 'public'
          and not exists (
            select from pg_index i
            where i.indrelid = c.conrelid
              and (i.indkey::int2[])[0:array_length(c.conkey, 1) - 1] @> c.conkey
              and (i.indkey::int2[])[0:array_length(c.conkey, 1) - 1] <@ c.conkey)
    """,
    "security_definer_view": """
        select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind = 'v'
          and not coalesce('security_invoker=true' = any (c.reloptions), false)
          and not coalesce('security_invoker=on' = any (c.reloptions), false)
    """,
    "policy_for_anon_or_public": """
        select tablename || '.' || policyname from pg_policies
        where schemaname = 'public' and (roles && array['anon', 'public']::name[])
    """,
    "rls_references_user_metadata": """
        select tablename || '.' || policyname from pg_policies
        where schemaname = 'public'
          and (coalesce(qual, '') || coalesce(with_check, '')) ~* 'user_meta_?data'
    """,
    "anon_security_definer_function_executable": """
        select p.proname from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where n.nspname = 'public' and p.prosecdef and has_function_privilege('anon', p.oid, 'execute')
    """,
    # A table with RLS and no policy is fine when it is the service role's alone (no grants).
    "rls_enabled_no_policy": """
        select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind = 'r' and c.relrowsecurity
          and not exists (select from pg_policies p
                          where p.schemaname = 'public' and p.tablename = c.relname)
          and (has_table_privilege('authenticated', c.oid, 'select, insert, update, delete')
               or has_table_privilege('anon', c.oid, 'select, insert, update, delete'))
    """,
    # TRUNCATE ignores RLS; REFERENCES and TRIGGER let a role build on tables it only reads.
    "api_role_holds_rls_bypassing_privilege": """
        select c.relname || ' ' || g.grantee::regrole || ' ' || g.privilege_type
        from pg_class c join pg_namespace n on n.oid = c.relnamespace,
             lateral aclexplode(c.relacl) g
        where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm')
          and g.grantee in ('anon'::regrole, 'authenticated'::regrole)
          and g.privilege_type in ('TRUNCATE', 'REFERENCES', 'TRIGGER')
    """,
    "default_privileges_grant_rls_bypassing_privilege": """
        select 'lint_default ' || g.grantee::regrole || ' ' || g.privilege_type
        from pg_default_acl d join pg_namespace n on n.oid = d.defaclnamespace,
             lateral aclexplode(d.defaclacl) g
        where n.nspname = 'public' and d.defaclobjtype = 'r'
          and g.grantee in ('anon'::regrole, 'authenticated'::regrole)
          and g.privilege_type in ('TRUNCATE', 'REFERENCES', 'TRIGGER')
    """,
}

# One object that each lint must flag, created inside a transaction the test rolls back.
VIOLATIONS: dict[str, str] = {
    "rls_disabled_in_public": "create table public.lint_no_rls (id int primary key)",
    "policy_call_not_wrapped_in_select": """
        create table public.lint_t (id int primary key, owner uuid);
        alter table public.lint_t enable row level security;
        create policy p on public.lint_t for select to authenticated using (owner = auth.uid())
    """,
    "function_search_path_mutable":
        "create function public.lint_f() returns int language sql as 'select 1'",
    "unindexed_foreign_keys": """
        create table public.lint_parent (id int primary key);
        create table public.lint_child (id int primary key, parent int references public.lint_parent);
        alter table public.lint_parent enable row level security;
        alter table public.lint_child enable row level security
    """,
    "security_definer_view": "create view public.lint_v as select 1 as x",
    "policy_for_anon_or_public": """
        create table public.lint_anon (id int primary key);
        alter table public.lint_anon enable row level security;
        create policy p on public.lint_anon for select to anon using (true)
    """,
    "rls_references_user_metadata": """
        create table public.lint_meta (id int primary key);
        alter table public.lint_meta enable row level security;
        create policy p on public.lint_meta for select to authenticated
          using ((select auth.jwt()) -> 'user_metadata' ->> 'role' = 'admin')
    """,
    "anon_security_definer_function_executable": """
        create function public.lint_definer() returns int language sql security definer
          set search_path = '' as 'select 1'
    """,
    "rls_enabled_no_policy": """
        create table public.lint_nopolicy (id int primary key);
        alter table public.lint_nopolicy enable row level security
    """,
    "api_role_holds_rls_bypassing_privilege": """
        create table public.lint_truncatable (id int primary key);
        alter table public.lint_truncatable enable row level security;
        grant truncate on public.lint_truncatable to authenticated
    """,
    "default_privileges_grant_rls_bypassing_privilege": """
        alter default privileges for role postgres in schema public
          grant truncate on tables to authenticated
    """,
}
