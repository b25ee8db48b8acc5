"""Under mandatory verification, registration tells nobody whether an address has an account.

A taken address (in any letter case) answers exactly as a free one, does the same hashing, writes
nothing, and its owner gets an e-mail saying that someone tried. A taken username is still a 400:
usernames are public (every post shows its author's). bench/registration_timing.py measures time.
"""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from apps.keys.models import Key
from tests.accounts.api import REGISTER, signup_data
from tests.accounts.counting_hasher import CountingPasswordHasher
from tests.accounts.test_concurrency import at_once
from tests.factories import UserFactory

User = get_user_model()

pytestmark = pytest.mark.django_db

# Headers that differ between any two answers, whatever they say.
PER_ANSWER_HEADERS = {"Date", "X-Request-ID"}


@pytest.fixture(autouse=True)
def mandatory(settings):
    settings.ACCOUNT_EMAIL_VERIFICATION = "mandatory"


@pytest.fixture
def counting_hasher(settings):
    settings.PASSWORD_HASHERS = ["tests.accounts.counting_hasher.CountingPasswordHasher"]
    CountingPasswordHasher.calls = 0
    return CountingPasswordHasher


@pytest.fixture(params=[True, False], ids=["verified owner", "unverified owner"])
def owner(request):
    bob = UserFactory(username="bob", email="bob@example.com")
    EmailAddress.objects.create(user=bob, email=bob.email, verified=request.param, primary=True)
    return bob


def answer(response):
    headers = {name: value for name, value in response.headers.items() if name not in PER_ANSWER_HEADERS}
    return response.status_code, response.content, headers


def register(api_client, **fields):
    return api_client.post(REGISTER, signup_data(**fields), REMOTE_ADDR="203.0.113.7")


@pytest.mark.parametrize("email", ["bob@example.com", "BOB@Example.COM"])
def test_a_taken_address_answers_exactly_as_a_free_one(api_client, owner, email):
    free = register(api_client, username="alice", email="alice@example.com")
    taken = register(api_client, username="carol", email=email)

    assert free.status_code == 201
    assert free.json() == {"detail": "Verification e-mail sent."}
    assert answer(taken) == answer(free)


@pytest.mark.parametrize("email", ["bob@example.com", "Bob@EXAMPLE.com"])
def test_a_taken_address_writes_nothing(api_client, owner, email):
    before = (User.objects.count(), EmailAddress.objects.count(), Key.objects.count())

    register(api_client, username="carol", email=email)

    assert (User.objects.count(), EmailAddress.objects.count(), Key.objects.count()) == before
    assert not User.objects.filter(username="carol").exists()


def test_its_owner_gets_an_e_mail_saying_someone_tried_to_register(api_client, owner, mailoutbox):
    register(api_client, username="carol", email="BOB@example.com")

    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["bob@example.com"]
    assert message.subject.endswith("Someone tried to register with your address")
    assert "tried to register a new account with the address bob@example.com" in message.body
    assert "no new account was made" in message.body
    # Nothing in it that would sign anyone in or verify anything.
    assert "verify-email" not in message.body


def test_retried_registrations_mail_the_owner_once_per_cooldown_from_any_client(
    api_client, owner, mailoutbox
):
    """The verification e-mails' cooldown (allauth's "confirm_email"), so the owner's inbox cannot be
    flooded through registration; the answers stay the same."""
    answers = [
        api_client.post(
            REGISTER,
            signup_data(username=f"carol{n}", email="bob@example.com"),
            REMOTE_ADDR=f"198.51.100.{n}",
        )
        for n in range(3)
    ]

    assert [answer.status_code for answer in answers] == [201] * 3
    assert [message.to for message in mailoutbox] == [["bob@example.com"]]


def test_a_free_address_gets_the_verification_e_mail_and_no_other(api_client, owner, mailoutbox):
    register(api_client, username="alice", email="alice@example.com")

    assert [message.to for message in mailoutbox] == [["alice@example.com"]]
    assert "verify-email" in mailoutbox[0].body


def test_the_password_is_hashed_either_way(api_client, owner, counting_hasher):
    register(api_client, username="alice", email="alice@example.com")
    for_a_free_address = counting_hasher.calls
    counting_hasher.calls = 0

    register(api_client, username="carol", email="bob@example.com")

    assert for_a_free_address >= 1
    assert counting_hasher.calls == for_a_free_address


def test_a_bad_password_is_the_same_400_with_a_taken_or_a_free_address(api_client, owner):
    free = register(api_client, username="alice", email="alice@example.com", password="alice-example")
    taken = register(api_client, username="carol", email="bob@example.com", password="carol-example")

    assert free.status_code == taken.status_code == 400
    assert (
        free.json()
        == taken.json()
        == {"non_field_errors": ["The password is too similar to the email address."]}
    )


def test_mismatched_passwords_are_the_same_400_with_a_taken_or_a_free_address(api_client, owner):
    free = api_client.post(REGISTER, {**signup_data(), "password2": "another-one-entirely"})
    taken = api_client.post(
        REGISTER,
        {**signup_data(username="carol", email="bob@example.com"), "password2": "another-one-entirely"},
    )

    assert answer(taken) == answer(free)
    assert free.status_code == 400


def test_a_taken_username_is_still_a_400_usernames_are_public(api_client, owner, mailoutbox):
    response = register(api_client, username="BOB", email="someone-else@example.com")

    assert response.status_code == 400
    assert response.json() == {"username": ["A user with that username already exists."]}
    assert mailoutbox == []


@pytest.mark.parametrize("verification", ["optional", "none"])
def test_without_mandatory_verification_a_taken_address_is_a_400(api_client, owner, settings, verification):
    """A 201 there answers a key at once: answering one for a taken address would be a second account
    on someone else's address, or a lie."""
    settings.ACCOUNT_EMAIL_VERIFICATION = verification

    response = register(api_client, username="carol", email="Bob@example.com")

    assert response.status_code == 400
    assert response.json() == {"email": ["A user is already registered with this e-mail address."]}
    assert not User.objects.filter(username="carol").exists()


@pytest.mark.postgres
def test_simultaneous_registrations_of_one_address_all_answer_as_a_free_one(transactional_db):
    """Those that race past validation meet the database's constraint: answered as a taken address,
    not with the 400 that would tell."""
    variants = ["dup@example.com", "DUP@example.com", "Dup@Example.com", "dup@EXAMPLE.COM"] * 2
    requests = [
        (REGISTER, signup_data(username=f"racer{n}", email=email)) for n, email in enumerate(variants)
    ]

    responses = at_once(requests)

    assert [(response.status_code, response.json()) for response in responses] == [
        (201, {"detail": "Verification e-mail sent."})
    ] * len(variants)
    assert User.objects.filter(email__iexact="dup@example.com").count() == 1
    assert EmailAddress.objects.filter(email__iexact="dup@example.com").count() == 1
