"""The e-mails name the product from SITE_NAME and SITE_DOMAIN, never the Site row's example.com."""

import pytest
from django.contrib.sites.models import Site

from tests.accounts.api import PASSWORD_RESET, REGISTER, signup_data
from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def site(settings):
    settings.SITE_NAME = "Shop API"
    settings.SITE_DOMAIN = "shop.test"
    # What Django's sites framework leaves in the database, and what allauth would print.
    assert Site.objects.get(pk=settings.SITE_ID).domain == "example.com"


def assert_names_the_site(message):
    assert message.subject.startswith("[Shop API] ")
    assert "Shop API" in message.body
    assert "shop.test" in message.body
    assert "example.com" not in message.subject + message.body


@pytest.mark.django_db
def test_the_registration_email_says_site_name(api_client, mailoutbox):
    response = api_client.post(REGISTER, signup_data(email="alice@mail.test"))

    assert response.status_code == 201
    [message] = mailoutbox
    assert_names_the_site(message)
    assert "Hello from Shop API!" in message.body
    assert "register an account on shop.test" in message.body


@pytest.mark.django_db
@pytest.mark.parametrize("known", [True, False], ids=["known-address", "unknown-address"])
def test_the_password_reset_emails_say_site_name(api_client, mailoutbox, known):
    if known:
        UserFactory(email="bob@mail.test")

    response = api_client.post(PASSWORD_RESET, {"email": "bob@mail.test"})

    assert response.status_code == 200
    [message] = mailoutbox
    assert_names_the_site(message)
