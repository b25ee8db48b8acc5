import pytest
from allauth.account.models import EmailAddress
from django.core.cache import cache

from tests.accounts.api import LOGIN, REGISTER, RESEND_EMAIL, VERIFY_EMAIL, link_in, signup_data
from tests.accounts.test_registration import FAILING_EMAIL_BACKEND
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

CONFIRM_URL = "myapp://verify-email/{key}"


@pytest.fixture
def mandatory(settings):
    settings.ACCOUNT_EMAIL_VERIFICATION = "mandatory"
    settings.EMAIL_CONFIRM_URL = CONFIRM_URL


def key_from(message):
    return link_in(message, "myapp://verify-email/").removeprefix("myapp://verify-email/")


def test_the_emailed_link_carries_the_key_that_verifies_and_unlocks_login(api_client, mailoutbox, mandatory):
    api_client.post(REGISTER, signup_data())
    key = key_from(mailoutbox[0])

    response = api_client.post(VERIFY_EMAIL, {"key": key})

    assert response.status_code == 200
    assert response.json() == {"detail": "ok"}
    assert EmailAddress.objects.get(email="alice@example.com").verified
    login = api_client.post(LOGIN, {"username": "alice", "password": PASSWORD})
    assert login.status_code == 200
    assert set(login.json()) == {"key", "expires_at"}


def test_a_used_key_is_a_404(api_client, mailoutbox, mandatory):
    api_client.post(REGISTER, signup_data())
    key = key_from(mailoutbox[0])
    api_client.post(VERIFY_EMAIL, {"key": key})

    response = api_client.post(VERIFY_EMAIL, {"key": key})

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


@pytest.mark.parametrize("key", ["nonsense", "MQ:1tTqK2:forged-signature"])
def test_a_bad_key_is_a_404(api_client, key):
    response = api_client.post(VERIFY_EMAIL, {"key": key})

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_a_missing_key_is_a_400(api_client):
    response = api_client.post(VERIFY_EMAIL, {})

    assert response.status_code == 400
    assert response.json() == {"key": ["This field is required."]}


def test_get_verify_email_is_a_405(api_client):
    assert api_client.get(VERIFY_EMAIL).status_code == 405


def test_resend_sends_a_fresh_working_link_to_an_unverified_address(api_client, mailoutbox, mandatory):
    api_client.post(REGISTER, signup_data())
    cache.clear()  # the cooldown after the registration's e-mail has passed

    response = api_client.post(RESEND_EMAIL, {"email": "ALICE@example.com"})

    assert response.status_code == 200
    assert len(mailoutbox) == 2
    assert mailoutbox[1].to == ["alice@example.com"]
    assert api_client.post(VERIFY_EMAIL, {"key": key_from(mailoutbox[1])}).status_code == 200


def test_resend_sends_one_e_mail_per_address_per_cooldown_whoever_asks(api_client, mailoutbox, mandatory):
    api_client.post(REGISTER, signup_data())

    answers = [
        api_client.post(RESEND_EMAIL, {"email": "alice@example.com"}, REMOTE_ADDR=f"198.51.100.{n}")
        for n in range(3)
    ]

    assert [(answer.status_code, answer.json()) for answer in answers] == [(200, {"detail": "ok"})] * 3
    assert len(mailoutbox) == 1


def test_a_failed_resend_does_not_use_up_the_cooldown(api_client, mailoutbox, settings):
    unverified = UserFactory(email="unverified@example.com")
    EmailAddress.objects.create(user=unverified, email=unverified.email, verified=False, primary=True)
    settings.EMAIL_BACKEND = FAILING_EMAIL_BACKEND
    api_client.post(RESEND_EMAIL, {"email": "unverified@example.com"})

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    api_client.post(RESEND_EMAIL, {"email": "unverified@example.com"})

    assert [message.to for message in mailoutbox] == [["unverified@example.com"]]


@pytest.mark.parametrize("email", ["nobody@example.com", "verified@example.com", "unverified@example.com"])
def test_resend_answers_the_same_for_known_and_unknown_addresses(api_client, mailoutbox, email):
    verified = UserFactory(email="verified@example.com")
    EmailAddress.objects.create(user=verified, email=verified.email, verified=True, primary=True)
    unverified = UserFactory(email="unverified@example.com")
    EmailAddress.objects.create(user=unverified, email=unverified.email, verified=False, primary=True)

    response = api_client.post(RESEND_EMAIL, {"email": email})

    assert response.status_code == 200
    assert response.json() == {"detail": "ok"}
    assert len(mailoutbox) == (1 if email == "unverified@example.com" else 0)


@pytest.mark.parametrize("email", ["nobody@example.com", "unverified@example.com"])
def test_resend_answers_the_same_when_the_mail_server_fails(api_client, settings, email):
    unverified = UserFactory(email="unverified@example.com")
    EmailAddress.objects.create(user=unverified, email=unverified.email, verified=False, primary=True)
    settings.EMAIL_BACKEND = FAILING_EMAIL_BACKEND

    response = api_client.post(RESEND_EMAIL, {"email": email})

    assert response.status_code == 200
    assert response.json() == {"detail": "ok"}


def test_resend_refuses_a_malformed_address(api_client):
    response = api_client.post(RESEND_EMAIL, {"email": "not-an-address"})

    assert response.status_code == 400
    assert response.json() == {"email": ["Enter a valid email address."]}


def test_public_endpoints_ignore_a_stale_token(api_client):
    api_client.credentials(HTTP_AUTHORIZATION="Token " + "0" * 40)

    assert api_client.post(RESEND_EMAIL, {"email": "nobody@example.com"}).status_code == 200
    assert api_client.post(VERIFY_EMAIL, {"key": "nonsense"}).status_code == 404
