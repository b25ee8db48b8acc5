"""apps/keys/lookup.py builds the Key and User of select_related("user").get(), in one query."""

from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth import get_user_model

from apps.keys import crypto
from apps.keys.lookup import key_with_user
from apps.keys.models import Key
from apps.keys.scopes import POSTS_READ, POSTS_WRITE
from apps.keys.services import api_key_create, session_create
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def fields_of(instance):
    return {field.attname: getattr(instance, field.attname) for field in instance._meta.concrete_fields}


def assert_same_as_the_orm(digest):
    expected = Key.objects.select_related("user").get(digest=digest)
    found = key_with_user(digest)
    assert type(found) is Key
    assert type(found.user) is get_user_model()
    assert fields_of(found) == fields_of(expected)
    assert fields_of(found.user) == fields_of(expected.user)
    # Times are aware, JSON is parsed, booleans are booleans, on every backend.
    assert found.created_at.tzinfo is not None
    assert isinstance(found.scopes, list)
    assert isinstance(found.user.is_active, bool)
    assert found._state.adding is False
    assert found._state.db == "default"
    return found


def test_a_session_and_its_user(django_assert_num_queries):
    user = UserFactory(first_name="Zoë", last_name="")
    user.last_login = datetime(2026, 3, 4, 5, 6, 7, 891011, tzinfo=UTC)
    user.save()
    issued = session_create(user=user, request=None, device="Alice's iPhone 📱")
    with django_assert_num_queries(1):
        found = key_with_user(crypto.digest(issued.key))
        assert found.user.username == user.username
        assert found.is_session
    assert found.user == user
    assert_same_as_the_orm(crypto.digest(issued.key))


@pytest.mark.parametrize("expires_at", [None, datetime(2099, 1, 2, 3, 4, 5, tzinfo=UTC)])
def test_an_api_key_with_scopes_and_expiry(expires_at):
    issued = api_key_create(
        user=UserFactory(), name="billing", scopes=[POSTS_WRITE, POSTS_READ], expires_at=expires_at
    )
    found = assert_same_as_the_orm(crypto.digest(issued.key))
    assert found.scopes == sorted([POSTS_READ, POSTS_WRITE])
    assert found.expires_at == expires_at
    assert found.allows(POSTS_WRITE)


def test_an_inactive_user_and_an_expired_session_are_found_as_they_are():
    user = UserFactory(is_active=False)
    issued = session_create(user=user, request=None)
    Key.objects.filter(pk=issued.instance.pk).update(expires_at=datetime.now(UTC) - timedelta(seconds=1))
    found = assert_same_as_the_orm(crypto.digest(issued.key))
    assert found.user.is_active is False
    assert found.is_expired(datetime.now(UTC))


def test_an_unknown_digest_is_none(django_assert_num_queries):
    session_create(user=UserFactory(), request=None)
    with django_assert_num_queries(1):
        assert key_with_user(crypto.digest("tas_unknown")) is None
