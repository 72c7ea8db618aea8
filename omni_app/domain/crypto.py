"""AES-256-GCM for secrets at rest, with a key derived per purpose and scope (a company, a
session) from the master key by HKDF. The purpose and scope are also the associated data, so a
ciphertext copied onto another row does not open."""
from __future__ import annotations

import base64
import os
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

NONCE_BYTES = 12


class SealError(ValueError):
    """A sealed value that does not open: tampered, moved, or sealed under an unknown key."""


@dataclass(frozen=True)
class Keyring:
    """Master keys by version; `current` seals, any known version opens (rotation)."""
    keys: dict[int, bytes]
    current: int

    def _derive(self, version: int, purpose: str, scope: str) -> bytes:
        try:
            master = self.keys[version]
        except KeyError:
            raise SealError(f"unknown key version {version}") from None
        return HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                    info=f"omni/{purpose}/{scope}".encode()).derive(master)

    def seal(self, plaintext: str, purpose: str, scope: str) -> str:
        nonce = os.urandom(NONCE_BYTES)
        aad = f"{purpose}:{scope}".encode()
        sealed = AESGCM(self._derive(self.current, purpose, scope)).encrypt(
            nonce, plaintext.encode(), aad)
        return f"v{self.current}.{base64.urlsafe_b64encode(nonce + sealed).decode()}"

    def open(self, token: str, purpose: str, scope: str) -> str:
        try:
            version_text, payload = token.split(".", 1)
            version = int(version_text.removeprefix("v"))
            raw = base64.urlsafe_b64decode(payload)
        except ValueError:
            raise SealError("not a sealed value") from None
        aad = f"{purpose}:{scope}".encode()
        try:
            plain = AESGCM(self._derive(version, purpose, scope)).decrypt(
                raw[:NONCE_BYTES], raw[NONCE_BYTES:], aad)
        except InvalidTag:
            raise SealError("sealed value failed authentication") from None
        return plain.decode()

    def reseal(self, token: str, purpose: str, scope: str) -> str:
        """The same plaintext sealed under the current version (key rotation)."""
        return self.seal(self.open(token, purpose, scope), purpose, scope)

    @staticmethod
    def version_of(token: str) -> int:
        return int(token.split(".", 1)[0].removeprefix("v"))
