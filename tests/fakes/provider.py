"""A fake messaging provider (WhatsApp's Cloud API, in effect) for a real n8n: a real HTTP
server on loopback that n8n reaches as its HTTP(S) proxy (`proxy_env()`), so a workflow that
posts to `https://provider.example/...` reaches this fake unchanged. A CONNECT is answered and
the TLS inside is ended here with a certificate for the requested host, signed by a throwaway CA
that n8n trusts through NODE_EXTRA_CA_CERTS. Every request is recorded; each answers like the
Cloud API's send call (`{"messages": [{"id": "wamid..."}]}`) unless told otherwise.

    with FakeProvider(tmp_dir) as provider:
        ... n8n started with provider.proxy_env() ...
        [sent] = provider.wait_for(1)
"""
from __future__ import annotations

import datetime as dt
import json
import ssl
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

LOOPBACK = "127.0.0.1,localhost,::1"


@dataclass
class ProviderRequest:
    host: str
    path: str
    headers: dict[str, str]
    body: bytes
    message_id: str | None
    at: float = field(default_factory=time.monotonic)

    @property
    def json(self) -> dict:
        return json.loads(self.body)


def _certificates(folder: Path, hosts: tuple[str, ...]) -> tuple[Path, Path, Path]:
    """A CA (PEM, for NODE_EXTRA_CA_CERTS) and a certificate for `hosts` it signed, with key."""
    now = dt.datetime.now(dt.timezone.utc)
    start, end = now - dt.timedelta(hours=1), now + dt.timedelta(days=2)
    ca_key, key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Omni test provider CA")])
    ca = (x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name)
          .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
          .not_valid_before(start).not_valid_after(end)
          .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
          .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False),
                         critical=True)
          .sign(ca_key, hashes.SHA256()))
    leaf = (x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, hosts[0])]))
            .issuer_name(ca_name).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(start).not_valid_after(end)
            .add_extension(x509.SubjectAlternativeName([x509.DNSName(h) for h in hosts]),
                           critical=False)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .sign(ca_key, hashes.SHA256()))
    folder.mkdir(parents=True, exist_ok=True)
    ca_path, cert_path, key_path = folder / "ca.pem", folder / "cert.pem", folder / "key.pem"
    ca_path.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    cert_path.write_bytes(leaf.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return ca_path, cert_path, key_path


class FakeProvider:
    def __init__(self, folder: Path, hosts: tuple[str, ...] = ("provider.example",)):
        self.requests: list[ProviderRequest] = []
        self._answers: list[tuple[int, dict]] = []
        self._lock = threading.Lock()
        self.ca_path, cert, key = _certificates(folder, hosts)
        self._tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self._tls.load_cert_chain(cert, key)
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def proxy_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def proxy_env(self) -> dict[str, str]:
        """For n8n's environment: everything but loopback (Omni itself) goes through here."""
        return {"HTTP_PROXY": self.proxy_url, "HTTPS_PROXY": self.proxy_url,
                "http_proxy": self.proxy_url, "https_proxy": self.proxy_url,
                "NO_PROXY": LOOPBACK, "no_proxy": LOOPBACK,
                "NODE_EXTRA_CA_CERTS": str(self.ca_path)}

    def __enter__(self) -> FakeProvider:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()

    def answer_next(self, status: int, body: dict) -> None:
        with self._lock:
            self._answers.append((status, body))

    def wait_for(self, count: int, timeout: float = 15.0) -> list[ProviderRequest]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                if len(self.requests) >= count:
                    return list(self.requests)
            time.sleep(0.05)
        raise AssertionError(f"the provider got {len(self.requests)} requests, expected {count}")

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            host = ""

            def do_CONNECT(self) -> None:  # noqa: N802 (http.server's naming)
                host = self.path.rsplit(":", 1)[0]
                self.send_response(200, "Connection established")
                self.end_headers()
                self.wfile.flush()
                try:
                    inner = fake._tls.wrap_socket(self.connection, server_side=True)
                except (ssl.SSLError, OSError):
                    self.close_connection = True
                    return
                handler = type("Inside", (Handler,), {"host": host})
                handler(inner, self.client_address, self.server)
                self.close_connection = True

            def do_POST(self) -> None:  # noqa: N802
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                headers = {name.lower(): value for name, value in self.headers.items()}
                with fake._lock:
                    status, answer = (fake._answers.pop(0) if fake._answers else
                                      (200, {"messaging_product": "whatsapp", "messages": [
                                          {"id": f"wamid.{uuid.uuid4().hex}"}]}))
                    sent = (answer.get("messages") or [{}])[0].get("id") if status < 300 \
                        else None
                    fake.requests.append(ProviderRequest(self.host or headers.get("host", ""),
                                                         self.path, headers, body, sent))
                data = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args) -> None:
                pass

        return Handler
