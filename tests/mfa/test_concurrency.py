"""Codes and tokens used at the same moment from several connections, on PostgreSQL where the
requests really run in parallel: each works once."""

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from apps.keys.models import Key
from apps.keys.services import session_create
from tests.accounts.test_concurrency import at_once
from tests.factories import UserFactory
from tests.mfa.api import VERIFY, client_with, code, enable_mfa, ephemeral_token

pytestmark = pytest.mark.postgres
CLIENTS = 8


@pytest.fixture
def mfa_user(transactional_db):
    user = UserFactory()
    enabled = enable_mfa(client_with(session_create(user=user, request=None).key), timezone.now())
    return user, enabled


def tokens(user, count):
    return [ephemeral_token(APIClient(), user, {"REMOTE_ADDR": f"192.0.2.{n}"}) for n in range(count)]


def sessions_of(user):
    return Key.objects.filter(user=user, kind=Key.Kind.SESSION).count()


def test_one_totp_code_sent_eight_times_at_once_makes_one_session(mfa_user):
    user, enabled = mfa_user
    # The next step's code: the activation used the current one.
    the_code = code(enabled.secret, timezone.now(), steps=1)
    before = sessions_of(user)

    responses = at_once(
        [(VERIFY, {"ephemeral_token": token, "code": the_code}) for token in tokens(user, CLIENTS)]
    )

    statuses = sorted(response.status_code for response in responses)
    assert statuses == [200] + [400] * (CLIENTS - 1), [r.content for r in responses]
    assert all(r.json() == {"code": ["Invalid code."]} for r in responses if r.status_code == 400)
    assert sessions_of(user) == before + 1


def test_one_ephemeral_token_sent_eight_times_at_once_makes_one_session(mfa_user):
    user, enabled = mfa_user
    (token,) = tokens(user, 1)
    before = sessions_of(user)

    responses = at_once(
        [(VERIFY, {"ephemeral_token": token, "code": rc}) for rc in enabled.recovery_codes[:CLIENTS]]
    )

    statuses = sorted(response.status_code for response in responses)
    assert statuses == [200] + [400] * (CLIENTS - 1), [r.content for r in responses]
    assert all(
        r.json() == {"ephemeral_token": ["Invalid or expired token."]}
        for r in responses
        if r.status_code == 400
    )
    assert sessions_of(user) == before + 1


def test_one_recovery_code_sent_eight_times_at_once_makes_one_session(mfa_user):
    user, enabled = mfa_user
    before = sessions_of(user)

    responses = at_once(
        [
            (VERIFY, {"ephemeral_token": token, "code": enabled.recovery_codes[0]})
            for token in tokens(user, CLIENTS)
        ]
    )

    statuses = sorted(response.status_code for response in responses)
    assert statuses == [200] + [400] * (CLIENTS - 1), [r.content for r in responses]
    assert sessions_of(user) == before + 1
