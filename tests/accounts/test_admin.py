import pytest
from rest_framework.authtoken.models import Token

pytestmark = pytest.mark.django_db


def test_staff_see_the_users(admin_client, user):
    response = admin_client.get("/admin/accounts/user/")

    assert response.status_code == 200
    assert user.username in response.content.decode()


def test_staff_see_the_tokens(admin_client, token):
    response = admin_client.get("/admin/authtoken/tokenproxy/")

    assert response.status_code == 200
    assert token.user.username in response.content.decode()


def test_a_token_key_cannot_be_edited_in_the_admin(admin_client, token):
    page = f"/admin/authtoken/tokenproxy/{token.user.pk}/change/"

    form = admin_client.get(page)
    admin_client.post(page, {"key": "a" * 40, "user": token.user.pk})

    assert form.status_code == 200
    assert 'name="key"' not in form.content.decode()
    assert Token.objects.get(user=token.user).key == token.key


def test_the_admin_is_for_staff_only(client, user):
    client.force_login(user)

    response = client.get("/admin/accounts/user/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
