"""What a key looks like, and what checking one costs."""

import re

import pytest

from apps.keys import crypto
from apps.keys.services import api_key_create, session_create
from tests.accounts.api import USER
from tests.keys.test_sessions import client_for
from tests.posts.factories import PostFactory

pytestmark = pytest.mark.django_db

KEY = re.compile(r"(tas|tak)_[A-Za-z0-9]{36}")


def test_a_session_key_and_an_api_key_have_their_prefix_and_178_random_bits(user):
    session = session_create(user=user, request=None).key
    api_key = api_key_create(user=user, name="ci", scopes=["posts:read"], expires_at=None).key

    assert session.startswith("tas_")
    assert api_key.startswith("tak_")
    for key in (session, api_key):
        assert KEY.fullmatch(key), key
        # 30 characters of 62: 178 bits, from secrets.
        assert len(key) - len("tas_") - crypto.CHECKSUM_LENGTH == 30
        assert crypto.is_well_formed(key)


def test_the_last_six_characters_are_the_crc32_of_the_rest(user):
    key = session_create(user=user, request=None).key

    assert key[-6:] == crypto.checksum(key[:-6])


def test_keys_differ():
    assert len({crypto.generate(crypto.SESSION_PREFIX) for _ in range(1000)}) == 1000


def mistyped(key):
    """One character changed in the random part."""
    index = 10
    return key[:index] + ("A" if key[index] != "A" else "B") + key[index + 1 :]


@pytest.mark.parametrize(
    "make_bad",
    [
        mistyped,
        lambda key: key[:-1],  # cut short
        lambda key: key + "x",
        lambda key: "tax_" + key[4:],  # an unknown prefix
        lambda key: key.upper(),
        lambda key: "é" * 40,
        lambda key: "g" * 40,  # 40 characters, not hexadecimal
    ],
)
def test_a_mistyped_or_invented_key_is_refused_without_a_query(user, make_bad, django_assert_num_queries):
    key = session_create(user=user, request=None).key
    client = client_for(make_bad(key))

    with django_assert_num_queries(0):
        response = client.get(USER)

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert response.json() == {"detail": "Invalid token."}


def test_a_well_formed_key_that_nobody_holds_costs_one_query(db, django_assert_num_queries):
    client = client_for(crypto.generate(crypto.API_KEY_PREFIX))

    with django_assert_num_queries(1):
        response = client.get(USER)

    assert response.status_code == 401
    assert response.json() == {"detail": "Invalid token."}


@pytest.mark.parametrize("header", ["Token", "Token a b", "token"])
def test_a_malformed_header_is_a_401(api_client, header):
    api_client.credentials(HTTP_AUTHORIZATION=header)

    response = api_client.get(USER)

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert set(response.json()) == {"detail"}


def test_the_keyword_is_case_insensitive(user):
    key = session_create(user=user, request=None).key
    client = client_for(key)
    client.credentials(HTTP_AUTHORIZATION=f"token {key}")

    assert client.get(USER).status_code == 200


@pytest.mark.parametrize("kind", ["session", "api"])
def test_an_authenticated_post_detail_costs_one_query_for_the_key_and_one_for_the_post(
    user, kind, django_assert_num_queries
):
    if kind == "session":
        key = session_create(user=user, request=None).key
    else:
        key = api_key_create(user=user, name="ci", scopes=["posts:read"], expires_at=None).key
    post = PostFactory()
    client = client_for(key)
    client.get(USER)  # an API key's first use is recorded: the next are not, for a minute

    with django_assert_num_queries(2) as captured:
        response = client.get(f"/api/v1/posts/{post.pk}/")

    assert response.status_code == 200
    key_query = captured.captured_queries[0]["sql"]
    assert 'FROM "keys_key" INNER JOIN "accounts_user"' in key_query
    assert '"keys_key"."digest" = ' in key_query
