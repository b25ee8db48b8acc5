"""Staff see, make and revoke sessions and API keys in the admin; a key is shown once, a digest never."""

import pytest
from django.contrib.auth import get_user_model

from apps.keys.models import Key
from apps.keys.services import api_key_create, session_create
from tests.accounts.api import USER
from tests.factories import UserFactory
from tests.keys.test_sessions import client_for

pytestmark = pytest.mark.django_db
CHANGELIST = "/admin/keys/key/"
ADD = CHANGELIST + "add/"


def test_staff_list_sessions_and_api_keys_without_their_digests(admin_client, user):
    session = session_create(user=user, request=None, device="Alice's iPhone")
    api_key = api_key_create(user=user, name="ci", scopes=["posts:read"], expires_at=None)

    page = admin_client.get(CHANGELIST)

    assert page.status_code == 200
    html = page.content.decode()
    assert "Alice&#x27;s iPhone" in html
    assert "ci" in html
    assert user.username in html
    for issued in (session, api_key):
        assert issued.instance.digest not in html
        assert issued.key not in html


@pytest.mark.parametrize(
    ("query", "shown"), [("kind__exact=session", "a session"), ("kind__exact=api", "a key")]
)
def test_staff_filter_by_kind(admin_client, user, query, shown):
    session_create(user=user, request=None, device="a session")
    api_key_create(user=user, name="a key", scopes=["posts:read"], expires_at=None)

    html = admin_client.get(f"{CHANGELIST}?{query}").content.decode()

    assert shown in html
    assert ({"a session", "a key"} - {shown}).pop() not in html


def test_a_key_page_shows_no_digest_and_nothing_is_editable(admin_client, user):
    issued = api_key_create(user=user, name="ci", scopes=["posts:read"], expires_at=None)
    page = f"{CHANGELIST}{issued.instance.pk}/change/"

    form = admin_client.get(page)
    admin_client.post(page, {"name": "renamed", "digest": "0" * 64, "scopes": '["posts:write"]'})

    assert form.status_code == 200
    html = form.content.decode()
    assert issued.instance.digest not in html
    for field in ("name", "digest", "scopes", "user"):
        assert f'name="{field}"' not in html
    row = Key.objects.get()
    assert (row.name, row.digest, row.scopes) == ("ci", issued.instance.digest, ["posts:read"])


def test_the_revoke_action_revokes_at_once(admin_client, user):
    revoked = session_create(user=user, request=None)
    kept = session_create(user=user, request=None)

    response = admin_client.post(
        CHANGELIST, {"action": "revoke", "_selected_action": [revoked.instance.pk]}, follow=True
    )

    assert response.status_code == 200
    assert "Revoked 1." in response.content.decode()
    assert client_for(revoked.key).get(USER).status_code == 401
    assert client_for(kept.key).get(USER).status_code == 200


def test_staff_make_a_service_key_and_see_it_once(admin_client):
    response = admin_client.post(
        ADD,
        {"service": "billing", "key_name": "billing prod", "scopes": ["posts:read"], "expires_in_days": "30"},
    )

    assert response.status_code == 200, response.content.decode()[:3000]
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    row = Key.objects.get()
    key = html.split('id="api-key"')[1].split(">", 1)[1].split("<", 1)[0]
    assert key.startswith("tak_")
    assert client_for(key).get(USER).json()["username"] == "billing"
    assert (row.name, row.scopes, row.user.is_service) == ("billing prod", ["posts:read"], True)
    # Not in a message: the next page shows no key.
    assert key not in admin_client.get(CHANGELIST).content.decode()


def test_the_admin_refuses_a_persons_name_for_a_service(admin_client):
    UserFactory(username="alice")

    response = admin_client.post(ADD, {"service": "Alice", "key_name": "k", "scopes": ["posts:read"]})

    assert response.status_code == 200
    assert "This is a person&#x27;s account, not a service account." in response.content.decode()
    assert not Key.objects.exists()
    assert not get_user_model().objects.filter(is_service=True).exists()


def test_the_keys_admin_is_for_staff_only(client, user):
    client.force_login(user)

    assert client.get(CHANGELIST).status_code == 302
