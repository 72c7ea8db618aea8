"""python -m localbase up | down | status | reset | env | serve"""
from __future__ import annotations

import argparse
import signal
import sys

from localbase import Localbase, LocalbaseConfig, LocalbaseError

COMMANDS = {
    "up": "start PostgreSQL and the API, apply new migrations (and the seed on a fresh database)",
    "down": "stop the API and PostgreSQL",
    "status": "say what runs where",
    "reset": "rebuild the database from migrations + seed",
    "env": "print SUPABASE_* variables as KEY=value lines",
    "serve": "run the API server in the foreground (what `up` starts in the background)",
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m localbase",
                                     description="Supabase on one machine, without Docker.")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, help_text in COMMANDS.items():
        sub.add_parser(name, help=help_text)
    args = parser.parse_args(argv)
    config = LocalbaseConfig()
    if args.command == "serve":
        from localbase.serve import serve
        serve(config)
        return 0
    try:
        lb = Localbase.in_dir(config)
        if args.command in ("up", "reset"):
            _say_if_settings_wait(lb.config, config)
            report = lb.up() if args.command == "up" else lb.reset()
            if report.bootstrapped:
                print("platform: roles, auth and extensions schemas created")
            for name in report.applied:
                print(f"migration applied: {name}")
            if report.seeded:
                print("seed applied: supabase/seed.sql")
            _print_status(lb)
        elif args.command == "down":
            # Cut short, it would leave PostgreSQL or the API running: a second Ctrl-C waits.
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
            lb.down()
            print("localbase stopped")
        elif args.command == "status":
            _print_status(lb)
        elif args.command == "env":
            for key, value in lb.env().items():
                print(f"{key}={value}")
    except LocalbaseError as exc:
        print(f"localbase: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"localbase: {args.command} interrupted", file=sys.stderr)
        return 130
    return 0


def _say_if_settings_wait(running: LocalbaseConfig, asked: LocalbaseConfig) -> None:
    if (running.db_port, running.api_port, running.mail_port) != \
            (asked.db_port, asked.api_port, asked.mail_port):
        print(f"localbase: already running on ports {running.db_port}/{running.api_port}/"
              f"{running.mail_port}; "
              "`down` first to use other LOCALBASE_* settings", file=sys.stderr)


def _print_status(lb: Localbase) -> None:
    for key, value in lb.status().items():
        print(f"{key:9} {value}")


if __name__ == "__main__":
    sys.exit(main())
