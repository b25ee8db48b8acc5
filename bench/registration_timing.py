"""Registration with a taken address against a free one, under mandatory verification: the times.

    .venv/bin/python -m bench.registration_timing            # SQLite, a scratch test database
    DATABASE_URL=postgres://root@127.0.0.1:5432/limits_bench .venv/bin/python -m bench.registration_timing

In-process through the real view (DRF's APIClient), with production's Argon2 hasher and the mail
kept in memory; the two kinds alternate, so that drift hits both. Prints the median, mean and 90th
percentile of each in milliseconds, side by side. A measurement, not a test: the suite asserts that
both answers are the same and that both hash the password (tests/accounts/test_registration_enumeration.py).
"""

import os
import statistics
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings.test")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import override_settings, setup_test_environment  # noqa: E402
from rest_framework.test import APIClient  # noqa: E402

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "40"))
REGISTER = "/api/v1/dj-rest-auth/registration/"
PASSWORD = "correct-horse-battery-staple"


def register(client, n, email):
    data = {"username": f"bench{n}", "email": email, "password1": PASSWORD, "password2": PASSWORD}
    started = time.perf_counter()
    response = client.post(REGISTER, data, format="json")
    elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code == 201, response.content
    return elapsed


def summary(times):
    ordered = sorted(times)
    return statistics.median(ordered), statistics.fmean(ordered), ordered[int(len(ordered) * 0.9) - 1]


def main():
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0)
    rates = {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "auth": "100000/min", "anon": "100000/min"}
    try:
        with override_settings(
            PASSWORD_HASHERS=["django.contrib.auth.hashers.Argon2PasswordHasher"],
            ACCOUNT_EMAIL_VERIFICATION="mandatory",
            REST_FRAMEWORK={**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates},
        ):
            client = APIClient()
            register(client, "owner", "owner@example.com")
            for n in range(3):  # warm-up: imports, templates, the first connection
                register(client, f"warm{n}", f"warm{n}@example.com")
                register(client, f"warmtaken{n}", "OWNER@example.com")
            free, taken = [], []
            for n in range(ROUNDS):
                # The owner's e-mail cooldown would skip the e-mail after the first round: every
                # round measures a first attempt, as a probe of an unknown address is.
                cache.clear()
                free.append(register(client, f"free{n}", f"free{n}@example.com"))
                taken.append(
                    register(client, f"taken{n}", "Owner@Example.com" if n % 2 else "owner@example.com")
                )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)

    print(f"registration under mandatory verification, {ROUNDS} of each, {connection.vendor}, Argon2 (ms)")
    print(f"{'':>16} {'median':>8} {'mean':>8} {'p90':>8}")
    for label, times in (("free address", free), ("taken address", taken)):
        median, mean, p90 = summary(times)
        print(f"{label:>16} {median:8.1f} {mean:8.1f} {p90:8.1f}")


if __name__ == "__main__":
    main()
