import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from apps.keys.models import Key
from tests.accounts.api import LOGIN, REGISTER, USER, signup_data, token_client
from tests.factories import PASSWORD, UserFactory
from tests.keys.api import row_of

User = get_user_model()
FAILING_EMAIL_BACKEND = "tests.accounts.failing_email.FailingEmailBackend"

pytestmark = pytest.mark.django_db


def test_registration_answers_a_working_key_and_sends_a_verification_email(api_client, mailoutbox):
    response = api_client.post(REGISTER, signup_data())

    assert response.status_code == 201, response.content
    key = response.json()["key"]
    assert response.json() == {"key": key, "expires_at": response.json()["expires_at"]}
    assert row_of(key).user.username == "alice"
    assert [message.to for message in mailoutbox] == [["alice@example.com"]]
    assert token_client(api_client, key).get(USER).json()["username"] == "alice"


def test_registration_stores_the_address_in_lowercase(api_client):
    api_client.post(REGISTER, signup_data(email="Alice@Example.COM"))

    assert User.objects.get().email == "alice@example.com"
    assert EmailAddress.objects.get().email == "alice@example.com"


def test_mandatory_verification_answers_a_detail_without_key_and_refuses_login(
    api_client, mailoutbox, settings
):
    settings.ACCOUNT_EMAIL_VERIFICATION = "mandatory"

    response = api_client.post(REGISTER, signup_data())

    assert response.status_code == 201
    assert response.json() == {"detail": "Verification e-mail sent."}
    assert not Key.objects.exists()
    assert len(mailoutbox) == 1
    login = api_client.post(LOGIN, {"username": "alice", "password": PASSWORD})
    assert login.status_code == 400
    assert login.json() == {"non_field_errors": ["E-mail is not verified."]}


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("short", "This password is too short. It must contain at least 8 characters."),
        ("password123", "This password is too common."),
        ("83920174651", "This password is entirely numeric."),
        ("alice-example", "The password is too similar to the email address."),
    ],
)
def test_django_password_validators_apply(api_client, mailoutbox, password, message):
    response = api_client.post(REGISTER, signup_data(password=password))

    assert response.status_code == 400
    errors = response.json().get("password1", []) + response.json().get("non_field_errors", [])
    assert message in errors
    assert not User.objects.exists()
    assert mailoutbox == []


def test_passwords_must_match(api_client):
    data = {**signup_data(), "password2": "something-else-entirely"}

    response = api_client.post(REGISTER, data)

    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["The two password fields didn't match."]}


@pytest.mark.parametrize("field", ["username", "email", "password1", "password2"])
def test_every_field_is_required(api_client, field):
    data = signup_data()
    del data[field]

    response = api_client.post(REGISTER, data)

    assert response.status_code == 400
    assert response.json()[field] == ["This field is required."]
    assert not User.objects.exists()


def test_an_overlong_username_is_refused_naming_the_limit(api_client):
    response = api_client.post(REGISTER, signup_data(username="a" * 151))

    assert response.status_code == 400
    assert response.json() == {"username": ["Ensure this field has no more than 150 characters."]}


@pytest.mark.parametrize("email", ["bob@example.com", "BOB@Example.com"])
def test_an_address_already_registered_in_any_case_is_a_400(api_client, email):
    UserFactory(username="bob", email="bob@example.com")

    response = api_client.post(REGISTER, signup_data(email=email))

    assert response.status_code == 400
    assert response.json() == {"email": ["A user is already registered with this e-mail address."]}
    assert User.objects.count() == 1


@pytest.mark.parametrize("username", ["bob", "BOB"])
def test_a_username_already_taken_in_any_case_is_a_400(api_client, username):
    UserFactory(username="bob")

    response = api_client.post(REGISTER, signup_data(username=username))

    assert response.status_code == 400
    assert response.json() == {"username": ["A user with that username already exists."]}


def test_a_stale_token_header_does_not_turn_registration_into_a_401(api_client):
    token_client(api_client, "0" * 40)

    response = api_client.post(REGISTER, signup_data())

    assert response.status_code == 201
    assert "key" in response.json()


@pytest.mark.parametrize("verification", ["optional", "mandatory"])
def test_a_failing_mail_server_is_a_503_that_leaves_nothing_behind(api_client, settings, verification):
    settings.ACCOUNT_EMAIL_VERIFICATION = verification
    settings.EMAIL_BACKEND = FAILING_EMAIL_BACKEND

    response = api_client.post(REGISTER, signup_data())

    assert response.status_code == 503
    assert response.json() == {
        "detail": "The e-mail could not be sent, so nothing was changed. Please try again later."
    }
    assert not User.objects.exists()
    assert not EmailAddress.objects.exists()
    assert not Key.objects.exists()


def test_registration_succeeds_when_retried_after_the_mail_server_recovers(api_client, settings, mailoutbox):
    settings.EMAIL_BACKEND = FAILING_EMAIL_BACKEND
    assert api_client.post(REGISTER, signup_data()).status_code == 503

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    response = api_client.post(REGISTER, signup_data())

    assert response.status_code == 201
    assert User.objects.get().username == "alice"
    # The failed attempt must not use up allauth's one-e-mail-per-address cooldown.
    assert [message.to for message in mailoutbox] == [["alice@example.com"]]


def test_get_is_a_405(api_client):
    response = api_client.get(REGISTER)

    assert response.status_code == 405
    assert response.json() == {"detail": 'Method "GET" not allowed.'}
