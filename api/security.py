"""API keys: who a request is, checked in constant time, never logged.

A key is only ever held as its SHA-256 digest; comparisons run `hmac.compare_digest` over
the digests of every configured key (no early exit), so neither a key's length nor which
key matched shows in the timing. Logs and rate-limit buckets name a key by a short
fingerprint of its digest, never by the key.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from pydantic import SecretStr


class Role(StrEnum):
    """What a caller may do."""

    ANONYMOUS = "anonymous"  # no key: reads, when no read keys are configured
    READ = "read"
    ADMIN = "admin"  # reads and writes


@dataclass(frozen=True)
class Principal:
    """The caller of one request: its role and a fingerprint of its key (no key material)."""

    role: Role
    key_id: str | None  # first 12 hex digits of sha256(sha256(key)); None without a key

    @property
    def can_write(self) -> bool:
        return self.role is Role.ADMIN


def _digest(key: str) -> bytes:
    return hashlib.sha256(key.encode("utf-8")).digest()


class KeyRing:
    """The configured admin and read keys, as digests."""

    def __init__(self, admin_keys: Iterable[SecretStr], read_keys: Iterable[SecretStr]) -> None:
        self._keys = [(_digest(k.get_secret_value()), Role.ADMIN) for k in admin_keys]
        self._keys += [(_digest(k.get_secret_value()), Role.READ) for k in read_keys]

    @property
    def reads_need_key(self) -> bool:
        return any(role is Role.READ for _, role in self._keys)

    @property
    def writes_enabled(self) -> bool:
        return any(role is Role.ADMIN for _, role in self._keys)

    def identify(self, presented: str | None) -> Principal | None:
        """The principal for a presented key; None when it matches no configured key."""
        if presented is None:
            return Principal(Role.ANONYMOUS, None)
        given = _digest(presented)
        found: Role | None = None
        for digest, role in self._keys:
            # every key is compared, whatever matched before
            if hmac.compare_digest(given, digest) and found is None:
                found = role
        if found is None:
            return None
        return Principal(found, hashlib.sha256(given).hexdigest()[:12])
