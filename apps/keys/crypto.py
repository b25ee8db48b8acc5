"""The shape of a key: `<prefix><random><checksum>`, written in `[A-Za-z0-9_]`, as GitHub's tokens.

The prefix names the kind (`tas_` a session, `tak_` an API key) so that secret scanners can find a
leaked key; 30 random base62 characters carry 178 bits from `secrets`; the last 6 characters are
the CRC32 of the rest in base62, so a mistyped or invented key is refused without a query. The
database keeps only the SHA-256 of the whole key: for a random 178-bit secret a slow hash adds
nothing (nobody can guess one to test it against a digest) and would cost milliseconds per request.
"""

import hashlib
import re
import secrets
import string
import zlib

ALPHABET = string.digits + string.ascii_letters
RANDOM_LENGTH = 30
CHECKSUM_LENGTH = 6
SESSION_PREFIX = "tas_"
API_KEY_PREFIX = "tak_"
PREFIXES = (SESSION_PREFIX, API_KEY_PREFIX)

KEY_PATTERN = re.compile(
    rf"(?P<body>(?:{'|'.join(PREFIXES)})[0-9A-Za-z]{{{RANDOM_LENGTH}}})(?P<checksum>[0-9A-Za-z]{{{CHECKSUM_LENGTH}}})"
)
# DRF's tokens, made before this scheme: they keep working as sessions (migrations/0002).
LEGACY_PATTERN = re.compile(r"[0-9a-f]{40}")


def base62(number: int, length: int) -> str:
    digits = []
    for _ in range(length):
        number, digit = divmod(number, len(ALPHABET))
        digits.append(ALPHABET[digit])
    return "".join(reversed(digits))


def checksum(body: str) -> str:
    # 62**6 > 2**32: six characters hold any CRC32.
    return base62(zlib.crc32(body.encode("ascii")), CHECKSUM_LENGTH)


def generate(prefix: str) -> str:
    body = prefix + "".join(secrets.choice(ALPHABET) for _ in range(RANDOM_LENGTH))
    return body + checksum(body)


def digest(key: str) -> str:
    return hashlib.sha256(key.encode("ascii")).hexdigest()


def is_well_formed(key: str) -> bool:
    """A key this scheme could have made (its checksum matches), or a legacy 40-hex key."""
    match = KEY_PATTERN.fullmatch(key)
    if match:
        return checksum(match["body"]) == match["checksum"]
    return LEGACY_PATTERN.fullmatch(key) is not None
