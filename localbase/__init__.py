"""localbase: the Supabase backend (PostgreSQL + Auth + REST) on one machine, without Docker.

    lb = Localbase(LocalbaseConfig(db_port=..., api_port=...))
    lb.up()      # cluster + platform + migrations (+ seed when fresh) + API server
    lb.env()     # SUPABASE_URL, keys, JWT secret, DB URL
    lb.down()    # nothing left running
"""
from __future__ import annotations

from localbase import instance_record
from localbase.api_process import ApiProcess
from localbase.cluster import Cluster, LocalbaseError
from localbase.config import LocalbaseConfig
from localbase.migrator import MigrationReport, Migrator

__all__ = ["Localbase", "LocalbaseConfig", "LocalbaseError", "MigrationReport"]


class Localbase:
    def __init__(self, config: LocalbaseConfig | None = None):
        self.config = config or LocalbaseConfig()
        self.cluster = Cluster(self.config)
        self.migrator = Migrator(self.config)
        self.api = ApiProcess(self.config)

    @classmethod
    def in_dir(cls, config: LocalbaseConfig | None = None) -> Localbase:
        """The instance in `config.dir`: as it was started while it still runs, else as `config`
        (by default the environment's LOCALBASE_* variables) says."""
        config = config or LocalbaseConfig()
        recorded = instance_record.load(config)
        if recorded is not None:
            running = cls(recorded)
            if running.cluster.running or running.api.pid() is not None:
                return running
        return cls(config)

    def up(self) -> MigrationReport:
        """Idempotent: reuses a running cluster and applies only new migrations."""
        self.cluster.init()
        self.cluster.start()
        instance_record.save(self.config)
        report = self.migrator.run()
        self.api.start()
        return report

    def down(self) -> None:
        self.api.stop()
        self.cluster.stop()
        instance_record.remove(self.config)

    def reset(self) -> MigrationReport:
        """Rebuild the database; the API restarts so no pooled connection outlives it."""
        self.api.stop()
        self.cluster.init()
        self.cluster.start()
        instance_record.save(self.config)
        report = self.migrator.reset()
        self.api.start()
        return report

    def status(self) -> dict[str, str]:
        cfg = self.config
        db = f"running on {cfg.host}:{cfg.db_port}" if self.cluster.running else "stopped"
        pid = self.api.pid()
        api = f"running on {cfg.api_url} (pid {pid})" if pid else "stopped"
        mailbox = f"running on {cfg.mailbox_url}" if pid else "stopped"
        return {"database": db, "api": api, "mailbox": mailbox, "data": str(cfg.data_dir),
                "logs": str(cfg.log_dir)}

    def env(self) -> dict[str, str]:
        return self.config.env()

    # Conveniences for tests and scripts.
    @property
    def url(self) -> str:
        return self.config.api_url

    @property
    def anon_key(self) -> str:
        return self.config.anon_key

    @property
    def service_role_key(self) -> str:
        return self.config.service_role_key

    @property
    def jwt_secret(self) -> str:
        return self.config.jwt_secret

    @property
    def admin_dsn(self) -> str:
        return self.config.db_url
