"""Receipt codes: shown to the reporter once, then only an Argon2 hash is kept.

A code is 22 characters of base32 (A–Z, 2–7), shown in groups of four: the first 6 are a
locator (finds the report; not secret) and the last 16 the secret — 80 bits of entropy,
compared in constant time by Argon2's verify. An unknown locator still costs one verify of a
dummy hash, so timing does not tell whether a report exists.
"""

import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
LOCATOR_LEN, SECRET_LEN = 6, 16  # 16 × 5 bits = 80 bits of secret

# Argon2id at OWASP's recommended floor (19 MiB, 2 passes, 1 lane): still memory-hard — the
# "slow hash" of DOMAIN §5 — at ~30 ms a check instead of argon2-cffi's default ~130 ms, which
# made every follow-up page cost a worker 130 ms of CPU. An 80-bit random secret gains
# nothing from more; hashes made with the old parameters still verify (they carry their own).
_hasher = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)
_DUMMY_HASH = _hasher.hash("dummy-secret-never-used")


def _random(n: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(n))


def new_code() -> tuple[str, str, str]:
    """(code as shown, locator, Argon2 hash of the secret)."""
    locator, secret = _random(LOCATOR_LEN), _random(SECRET_LEN)
    raw = locator + secret
    shown = "-".join(raw[i : i + 4] for i in range(0, len(raw), 4))
    return shown, locator, _hasher.hash(secret)


def normalise(code: str) -> str:
    return "".join(ch for ch in (code or "").upper() if ch in ALPHABET)


def split(code: str) -> tuple[str, str] | None:
    raw = normalise(code)
    if len(raw) != LOCATOR_LEN + SECRET_LEN:
        return None
    return raw[:LOCATOR_LEN], raw[LOCATOR_LEN:]


def verify(stored_hash: str | None, secret: str) -> bool:
    try:
        return _hasher.verify(stored_hash or _DUMMY_HASH, secret) and stored_hash is not None
    except (VerificationError, InvalidHashError):
        return False
