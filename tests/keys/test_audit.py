"""Logout, revocations and key creation are authentication events; no key is ever logged."""

import logging

import pytest

from tests.accounts.api import LOGOUT
from tests.factories import PASSWORD
from tests.keys.api import KEYS, REVOKE_OTHERS, key_url, row_of, session_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def events(caplog):
    caplog.set_level(logging.INFO, logger="auth")

    def logged():
        return [
            (record.getMessage().split()[0], record) for record in caplog.records if record.name == "auth"
        ]

    return logged


def test_each_change_of_keys_is_one_event_with_the_user_and_no_key(auth_client, user, login, events, caplog):
    other = login(device="tablet")["key"]
    made = auth_client.post(KEYS, {"name": "ci", "scopes": ["posts:read"], "password": PASSWORD}).json()
    auth_client.delete(key_url(made["id"]))
    auth_client.delete(session_url(row_of(other).pk))
    login()
    auth_client.post(REVOKE_OTHERS)
    auth_client.post(LOGOUT)

    names = [name for name, _ in events() if name != "login_succeeded"]
    assert names == ["key_created", "key_revoked", "session_revoked", "session_revoked", "logout"]
    for _, record in events():
        assert record.user_id == user.pk
        assert record.client == "127.0.0.1"
    assert made["key"] not in caplog.text
    assert other not in caplog.text
    assert made["key"][4:-6] not in caplog.text
