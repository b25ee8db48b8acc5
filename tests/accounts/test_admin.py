import pytest
from django.contrib.auth import get_user_model

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_staff_see_the_users(admin_client, user):
    response = admin_client.get("/admin/accounts/user/")

    assert response.status_code == 200
    assert user.username in response.content.decode()


def test_the_admin_is_for_staff_only(client, user):
    client.force_login(user)

    response = client.get("/admin/accounts/user/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_staff_can_add_a_user(admin_client):
    response = admin_client.post(
        "/admin/accounts/user/add/",
        {"username": "dora", "password1": PASSWORD, "password2": PASSWORD, "usable_password": "true"},
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    assert get_user_model().objects.filter(username="dora").exists()


def test_the_admin_refuses_an_address_taken_in_another_case(admin_client, user):
    other = UserFactory(email="other@example.com")
    form = {
        "username": other.username,
        "email": user.email.upper(),
        "date_joined_0": "2026-11-24",
        "date_joined_1": "06:00:00",
        "is_active": "on",
    }

    response = admin_client.post(f"/admin/accounts/user/{other.pk}/change/", form)

    assert response.status_code == 200
    assert "A user is already registered with this e-mail address." in response.content.decode()
    other.refresh_from_db()
    assert other.email == "other@example.com"
