"""python -m omni_app.demo_data --clients N [--company-id ID | --new-company NAME]

Writes straight to PostgreSQL (SUPABASE_DB_URL, else the localbase running in LOCALBASE_DIR,
`.localbase` by default) because it is a bulk loader for demos and benchmarks, not a request
path: COPY in one transaction.
"""
from __future__ import annotations

import argparse
import os
import re
import sys
import time

import psycopg

from localbase import instance_record
from localbase.config import LocalbaseConfig
from omni_app.demo_data.generator import Plan, load

DEMO_COMPANY = "c0000000-0000-4000-8000-000000000001"


def default_db_url() -> str:
    """SUPABASE_DB_URL, else the running localbase's (its ports may not be the defaults)."""
    if url := os.environ.get("SUPABASE_DB_URL"):
        return url
    asked = LocalbaseConfig()
    return (instance_record.load(asked) or asked).db_url


def create_company(conn: psycopg.Connection, name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "clinic"
    row = conn.execute("insert into public.companies (name, slug) values (%s, %s || '-' || "
                       "substr(md5(random()::text), 1, 6)) returning id::text", (name, slug))
    company_id = row.fetchone()[0]
    conn.execute("insert into public.settings (company_id) values (%s)", (company_id,))
    return company_id


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m omni_app.demo_data",
                                     description="Fill a clinic with 90 days of realistic data.")
    parser.add_argument("--clients", type=int, required=True)
    parser.add_argument("--messages-per-client", type=int, default=10,
                        help="average messages per client (default 10)")
    target = parser.add_mutually_exclusive_group()
    target.add_argument("--company-id", default=DEMO_COMPANY,
                        help="an existing company (default: the seed's Clínica Demo)")
    target.add_argument("--new-company", metavar="NAME", help="create a company with this name")
    parser.add_argument("--seed", type=int, default=42, help="random seed (same seed, same data)")
    parser.add_argument("--db-url", default=default_db_url())
    args = parser.parse_args(argv)
    if args.clients < 1 or args.messages_per_client < 1:
        parser.error("--clients and --messages-per-client must be at least 1")

    started = time.perf_counter()
    try:
        with psycopg.connect(args.db_url, autocommit=True) as conn:
            company_id = (create_company(conn, args.new_company) if args.new_company
                          else args.company_id)
            if not conn.execute("select exists (select from public.companies where id = %s)",
                                (company_id,)).fetchone()[0]:
                print(f"demo_data: no company {company_id}", file=sys.stderr)
                return 1
            counts = load(conn, company_id, Plan(args.clients, args.messages_per_client, args.seed))
    except psycopg.Error as exc:
        print(f"demo_data: {exc}", file=sys.stderr)
        return 1
    summary = ", ".join(f"{n} {name}" for name, n in counts.items())
    print(f"company {company_id}: {summary} in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
