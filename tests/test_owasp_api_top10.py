"""The OWASP API Security Top 10 (2023), item by item, tried against the API over HTTP with real keys.

Each class names its item and attacks what it describes here. Items that do not apply:
- API7:2023 Server Side Request Forgery: no endpoint fetches a URL a client gives (the e-mail links
  are built from server settings, never from a request).
- API10:2023 Unsafe Consumption of APIs: the product calls no third-party API.
"""

import json
import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.urls import URLResolver, get_resolver
from django.utils import timezone
from drf_spectacular.generators import SchemaGenerator

from apps.keys.crypto import digest
from apps.keys.models import Key
from apps.keys.services import api_key_create, session_create
from apps.posts.models import Post
from tests.accounts.api import (
    BASE,
    LOGIN,
    LOGOUT,
    PASSWORD_CHANGE,
    PASSWORD_RESET,
    PASSWORD_RESET_CONFIRM,
    REGISTER,
    RESEND_EMAIL,
    USER,
    signup_data,
)
from tests.factories import PASSWORD, UserFactory
from tests.mfa.api import (
    DELETE_ACCOUNT,
    SESSION_ROUTES,
    VERIFY,
    client_with,
    code,
    enable_mfa,
    ephemeral_token,
)
from tests.production import run_python

pytestmark = pytest.mark.django_db
User = get_user_model()

POSTS = "/api/v1/posts/"
SESSIONS = BASE + "sessions/"
KEYS = BASE + "keys/"
RESET_URL = "https://app.example.com/reset-password/{uid}/{token}"


@pytest.fixture(autouse=True)
def roomy_auth_rate(settings):
    """Each test makes many auth calls from one address: the per-client rate is not what is tried
    here (API6 sets it back where it is the point)."""
    rates = {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "auth": "1000/min"}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}


@pytest.fixture
def other():
    """Another person, with a session, an API key and a post of their own."""
    person = UserFactory(email="other.person@example.com")
    session = session_create(user=person, request=None, device="their phone")
    api_key = api_key_create(user=person, name="their script", scopes=["posts:read"], expires_at=None)
    post = Post.objects.create(author=person, title="theirs", body="their text")
    return person, session, api_key, post


def assert_unauthenticated(response):
    assert response.status_code == 401, response.content
    assert response["WWW-Authenticate"] == "Token"
    assert set(response.json()) == {"detail"}


class TestAPI1BrokenObjectLevelAuthorization:
    """API1:2023 Broken Object Level Authorization: another user's post, session and key."""

    def test_another_users_post_cannot_be_changed_or_deleted(self, auth_client, other):
        *_, post = other
        for method in ("put", "patch", "delete"):
            response = getattr(auth_client, method)(f"{POSTS}{post.pk}/", {"title": "mine now", "body": "x"})
            assert response.status_code == 403, method
        post.refresh_from_db()
        assert (post.title, post.body) == ("theirs", "their text")

    def test_another_users_session_cannot_be_revoked_or_listed(self, auth_client, other):
        _person, session, *_ = other

        response = auth_client.delete(f"{SESSIONS}{session.instance.pk}/")

        assert response.status_code == 404
        assert client_with(session.key).get(USER).status_code == 200
        listed = auth_client.get(SESSIONS).json()
        assert session.instance.pk not in [row["id"] for row in listed]

    def test_another_users_api_key_cannot_be_revoked_or_listed(self, auth_client, other):
        _person, _session, api_key, _post = other

        response = auth_client.delete(f"{KEYS}{api_key.instance.pk}/")

        assert response.status_code == 404
        assert client_with(api_key.key).get(POSTS).status_code == 200
        assert auth_client.get(KEYS).json() == []

    def test_revoke_others_touches_only_the_callers_sessions(self, auth_client, other):
        _person, session, *_ = other

        assert auth_client.post(SESSIONS + "revoke-others/").json() == {"revoked": 0}
        assert client_with(session.key).get(USER).status_code == 200


class TestAPI2BrokenAuthentication:
    """API2:2023 Broken Authentication: dead and forged keys, reused reset links, MFA bypasses."""

    def test_a_logged_out_session_is_dead(self, auth_client):
        assert auth_client.post(LOGOUT).status_code == 200
        assert_unauthenticated(auth_client.get(USER))

    def test_a_revoked_api_key_is_dead(self, auth_client, api_key_client):
        client = api_key_client()
        key_id = Key.objects.get(digest=digest(client.key)).pk

        assert auth_client.delete(f"{KEYS}{key_id}/").status_code == 204
        assert_unauthenticated(client.get(POSTS))

    def test_an_expired_api_key_and_an_expired_session_are_dead(
        self, user, api_key_client, token, auth_client
    ):
        client = api_key_client(expires_at=timezone.now() + timezone.timedelta(days=1))
        Key.objects.filter(user=user).update(expires_at=timezone.now() - timezone.timedelta(seconds=1))

        assert_unauthenticated(client.get(POSTS))
        assert_unauthenticated(auth_client.get(USER))

    @pytest.mark.parametrize(
        "mangle",
        [
            lambda key: key[:-1] + ("A" if key[-1] != "A" else "B"),  # the checksum no longer matches
            lambda key: key[:10] + ("x" if key[10] != "x" else "y") + key[11:],  # a typo in the body
            lambda key: key.upper(),
            lambda key: key + "0",
            lambda key: "0" * 40,  # a pre-upgrade DRF token that never existed
            lambda key: "",
        ],
        ids=["checksum", "typo", "case", "longer", "legacy-shaped", "empty"],
    )
    def test_a_mistyped_or_invented_key_is_refused(self, api_client, token, mangle):
        api_client.credentials(HTTP_AUTHORIZATION=f"Token {mangle(token)}")

        assert_unauthenticated(api_client.get(USER))

    def test_a_key_in_another_scheme_or_in_a_cookie_authenticates_nothing(self, api_client, token):
        assert_unauthenticated(api_client.get(USER, HTTP_AUTHORIZATION=f"Bearer {token}"))
        api_client.cookies["sessionid"] = token
        assert_unauthenticated(api_client.get(USER))

    def test_a_reset_link_works_once(self, api_client, user, mailoutbox, settings):
        settings.PASSWORD_RESET_CONFIRM_URL = RESET_URL
        api_client.post(PASSWORD_RESET, {"email": user.email})
        (link,) = re.findall(r"https://app\.example\.com/reset-password/\S+", mailoutbox[0].body)
        uid, reset_token = link.rsplit("/", 2)[-2:]
        body = {"uid": uid, "token": reset_token, "new_password1": "first-new-passphrase-1"}
        body["new_password2"] = body["new_password1"]

        assert api_client.post(PASSWORD_RESET_CONFIRM, body).status_code == 200
        again = {
            **body,
            "new_password1": "second-new-passphrase-2",
            "new_password2": "second-new-passphrase-2",
        }
        response = api_client.post(PASSWORD_RESET_CONFIRM, again)

        assert response.status_code == 400
        user.refresh_from_db()
        assert user.check_password("first-new-passphrase-1")

    def test_failed_logins_lock_the_account_whatever_the_address(self, api_client, user):
        for attempt in range(10):
            response = api_client.post(
                LOGIN, {"username": user.username, "password": "guess"}, REMOTE_ADDR=f"198.51.100.{attempt}"
            )
            assert response.status_code == 400

        locked = api_client.post(
            LOGIN, {"username": user.username, "password": PASSWORD}, REMOTE_ADDR="192.0.2.7"
        )

        assert locked.status_code == 429
        assert "Retry-After" in locked


class TestAPI2MFABypass:
    """API2:2023 Broken Authentication, the second factor: no way around it."""

    @pytest.fixture
    def mfa(self, auth_client):
        return enable_mfa(auth_client, timezone.now())

    def test_login_before_mfa_answers_no_key_and_makes_no_session(self, api_client, user, mfa):
        sessions = Key.objects.filter(user=user).count()

        answer = api_client.post(LOGIN, {"username": user.username, "password": PASSWORD}).json()

        assert "key" not in answer
        assert Key.objects.filter(user=user).count() == sessions
        assert_unauthenticated(client_with(answer["ephemeral_token"]).get(USER))

    def test_another_users_ephemeral_token_does_not_open_with_my_code(self, api_client, user, mfa):
        attacker = UserFactory()
        attacker_client = client_with(session_create(user=attacker, request=None).key)
        attackers = enable_mfa(attacker_client, timezone.now())
        victims_token = ephemeral_token(api_client, user)

        for attempt in (code(attackers.secret, timezone.now(), steps=1), attackers.recovery_codes[0]):
            response = api_client.post(VERIFY, {"ephemeral_token": victims_token, "code": attempt})
            assert response.status_code == 400
            assert response.json() == {"code": ["Invalid code."]}
        assert Key.objects.filter(user=user, kind=Key.Kind.SESSION).count() == 1

    def test_an_ephemeral_token_cannot_be_reused(self, api_client, user, mfa):
        token = ephemeral_token(api_client, user)
        assert (
            api_client.post(VERIFY, {"ephemeral_token": token, "code": mfa.recovery_codes[0]}).status_code
            == 200
        )

        response = api_client.post(VERIFY, {"ephemeral_token": token, "code": mfa.recovery_codes[1]})

        assert response.status_code == 400
        assert "ephemeral_token" in response.json()

    def test_an_api_key_cannot_turn_mfa_off(self, api_key_client, user, mfa):
        response = api_key_client().post(
            SESSION_ROUTES[2][1], {"code": code(mfa.secret, timezone.now(), steps=1)}
        )

        assert response.status_code == 403
        assert api_key_client().post(DELETE_ACCOUNT, {"password": PASSWORD}).status_code == 403

    def test_deleting_the_account_needs_the_second_factor_too(self, auth_client, user, mfa):
        response = auth_client.post(DELETE_ACCOUNT, {"password": PASSWORD})

        assert response.status_code == 400
        assert User.objects.filter(pk=user.pk).exists()


class TestAPI3BrokenObjectPropertyLevelAuthorization:
    """API3:2023 Broken Object Property Level Authorization: server-owned properties sent in every
    writable body are ignored; no answer carries a password hash or another user's e-mail."""

    PRIVILEGED = {"is_staff": True, "is_superuser": True, "is_active": False, "is_service": True}

    def test_registration_ignores_privileges(self, api_client):
        body = {**signup_data(username="mallory", email="mallory@example.com"), **self.PRIVILEGED, "pk": 1}

        assert api_client.post(REGISTER, body).status_code == 201
        mallory = User.objects.get(username="mallory")
        assert (mallory.is_staff, mallory.is_superuser, mallory.is_active, mallory.is_service) == (
            False,
            False,
            True,
            False,
        )

    @pytest.mark.parametrize("method", ["put", "patch"])
    def test_user_details_ignore_privileges_email_and_pk(self, auth_client, user, other, method):
        person, *_ = other
        body = {"username": user.username, **self.PRIVILEGED, "email": person.email, "pk": person.pk}

        response = getattr(auth_client, method)(USER, body)

        assert response.status_code == 200
        assert response.json()["pk"] == user.pk
        assert response.json()["email"] == user.email
        user.refresh_from_db()
        assert (user.is_staff, user.is_superuser, user.is_active, user.email) == (
            False,
            False,
            True,
            f"{user.username}@example.com",
        )

    def test_a_post_ignores_author_id_and_timestamps(self, auth_client, user, other):
        person, *_ = other
        forged = {
            "author": {"id": person.pk},
            "author_id": person.pk,
            "id": 999_999,
            "created_at": "2000-01-01T00:00:00Z",
        }

        created = auth_client.post(POSTS, {"title": "mine", "body": "text", **forged})

        assert created.status_code == 201
        post = created.json()
        assert post["author"] == {"id": user.pk, "username": user.username}
        assert post["id"] != 999_999
        assert not post["created_at"].startswith("2000")
        changed = auth_client.patch(f"{POSTS}{post['id']}/", {"author": person.pk, "author_id": person.pk})
        assert changed.json()["author"]["id"] == user.pk
        assert Post.objects.get(pk=post["id"]).author_id == user.pk

    def test_a_new_api_key_ignores_owner_kind_and_lifetimes(self, auth_client, user, other):
        person, *_ = other
        body = {
            "name": "n",
            "scopes": ["posts:read"],
            "password": PASSWORD,
            "user": person.pk,
            "kind": "session",
        }

        response = auth_client.post(
            KEYS, {**body, "digest": "0" * 64, "last_used_at": "2000-01-01T00:00:00Z"}
        )

        assert response.status_code == 201
        key = Key.objects.get(pk=response.json()["id"])
        assert (key.user_id, key.kind, key.last_used_at) == (user.pk, Key.Kind.API, None)

    def test_no_answer_carries_a_password_hash_or_another_users_address(
        self, api_client, auth_client, user, other
    ):
        person, *_ = other
        Post.objects.create(author=person, title="t", body="b")
        answers = [
            api_client.post(REGISTER, signup_data(username="newbie", email="newbie@example.com")),
            api_client.post(LOGIN, {"username": user.username, "password": PASSWORD}),
            auth_client.get(USER),
            auth_client.get(POSTS),
            auth_client.get(f"{POSTS}{other[3].pk}/"),
            auth_client.get(SESSIONS),
            auth_client.post(KEYS, {"name": "n", "scopes": ["posts:read"], "password": PASSWORD}),
            auth_client.get(KEYS),
            auth_client.get("/api/v1/schema/?format=json"),
        ]
        for response in answers:
            text = response.content.decode()
            assert response.status_code < 300, text[:300]
            assert person.email not in text, response.request["PATH_INFO"]
            assert not re.search(r"(md5|argon2|pbkdf2_sha256|bcrypt)\$", text), response.request["PATH_INFO"]
        for response in answers[:-1]:
            assert "password" not in json.dumps(response.json()), response.request["PATH_INFO"]


class TestAPI4UnrestrictedResourceConsumption:
    """API4:2023 Unrestricted Resource Consumption: every size has a limit the server enforces."""

    def test_a_page_never_holds_more_than_100_posts(self, auth_client, user):
        Post.objects.bulk_create(Post(author=user, title=f"p{n}", body="b") for n in range(105))

        response = auth_client.get(POSTS, {"page_size": 10_000})

        assert response.status_code == 200
        assert len(response.json()["results"]) == 100

    def test_a_body_over_the_size_limit_is_a_413(self, auth_client, settings):
        body = json.dumps({"title": "t", "body": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)})

        response = auth_client.post(POSTS, body, content_type="application/json")

        assert response.status_code == 413
        assert set(response.json()) == {"detail"}
        assert not Post.objects.exists()

    def test_fields_past_their_length_are_400s(self, auth_client):
        response = auth_client.post(POSTS, {"title": "t" * 201, "body": "b" * 20_001})

        assert response.status_code == 400
        assert set(response.json()) == {"title", "body"}

    @pytest.mark.parametrize("path", [LOGIN, REGISTER])
    def test_a_password_over_4096_characters_is_a_400(self, api_client, user, path):
        long = "p" * 4097
        body = {"username": user.username, "password": long, "password1": long, "password2": long}

        response = api_client.post(path, body)

        assert response.status_code == 400
        assert "4096" in response.content.decode()

    def test_deeply_nested_json_is_a_400_not_a_500(self, auth_client):
        response = auth_client.post(POSTS, "[" * 100_000 + "]" * 100_000, content_type="application/json")

        assert response.status_code == 400
        assert set(response.json()) == {"detail"}

    def test_sessions_per_user_are_capped(self, api_client, user, settings):
        settings.TOKEN_LIMIT_PER_USER = 3
        for _ in range(5):
            assert (
                api_client.post(LOGIN, {"username": user.username, "password": PASSWORD}).status_code == 200
            )

        assert Key.objects.filter(user=user, kind=Key.Kind.SESSION).count() == 3


class TestAPI5BrokenFunctionLevelAuthorization:
    """API5:2023 Broken Function Level Authorization: API keys and non-staff on what they must not reach."""

    SESSION_ONLY = [
        ("post", LOGOUT),
        ("get", SESSIONS),
        ("post", SESSIONS + "revoke-others/"),
        ("get", KEYS),
        ("post", KEYS),
        ("post", PASSWORD_CHANGE),
        ("put", USER),
        ("patch", USER),
        ("post", DELETE_ACCOUNT),
        *SESSION_ROUTES,
    ]

    @pytest.mark.parametrize(("method", "path"), SESSION_ONLY)
    def test_an_api_key_with_every_scope_is_refused_what_takes_a_session(self, api_key_client, method, path):
        response = getattr(api_key_client(), method)(path, {})

        assert response.status_code == 403, response.content
        assert set(response.json()) == {"detail"}

    def test_an_api_key_is_held_to_its_scopes(self, api_key_client):
        client = api_key_client(scopes=["posts:read"])

        assert client.get(POSTS).status_code == 200
        assert client.post(POSTS, {"title": "t", "body": "b"}).status_code == 403

    @pytest.mark.parametrize("path", ["/admin/", "/admin/accounts/user/", "/admin/keys/key/"])
    def test_the_admin_refuses_keys_and_people_who_are_not_staff(self, client, user, token, path):
        with_key = client.get(path, HTTP_AUTHORIZATION=f"Token {token}")
        assert with_key.status_code == 302
        assert with_key["Location"].startswith("/admin/login/")

        client.force_login(user)
        signed_in = client.get(path)
        assert signed_in.status_code == 302
        assert signed_in["Location"].startswith("/admin/login/")

    def test_metrics_are_refused_to_other_addresses(self, api_client):
        assert api_client.get("/metrics", REMOTE_ADDR="203.0.113.50").status_code == 404


class TestAPI6UnrestrictedAccessToSensitiveBusinessFlows:
    """API6:2023 Unrestricted Access to Sensitive Business Flows: e-mail bombing of one address.
    Each flow that sends mail is limited per address, whoever asks, not only per client."""

    CLIENTS = [f"198.51.100.{n}" for n in range(6)]

    def mails_to(self, mailoutbox, address):
        return [message for message in mailoutbox if address in message.to]

    @pytest.mark.parametrize("address", ["known@example.com", "unknown@example.com"])
    def test_password_reset_mails_an_address_once_per_cooldown(self, api_client, mailoutbox, address):
        UserFactory(email="known@example.com")

        answers = [api_client.post(PASSWORD_RESET, {"email": address}, REMOTE_ADDR=ip) for ip in self.CLIENTS]

        assert {(a.status_code, a.content) for a in answers} == {(answers[0].status_code, answers[0].content)}
        assert answers[0].status_code == 200
        assert len(self.mails_to(mailoutbox, address)) == 1

    def test_resending_verification_mails_an_address_once_per_cooldown(self, api_client, mailoutbox):
        api_client.post(REGISTER, signup_data(username="victim", email="victim@example.com"))
        assert EmailAddress.objects.filter(email="victim@example.com", verified=False).exists()

        for ip in self.CLIENTS:
            response = api_client.post(RESEND_EMAIL, {"email": "victim@example.com"}, REMOTE_ADDR=ip)
            assert response.status_code == 200

        # Registration's own verification e-mail started the cooldown: no resend gets through it.
        assert len(self.mails_to(mailoutbox, "victim@example.com")) == 1

    def test_registering_a_taken_address_mails_its_owner_once_per_cooldown(
        self, api_client, mailoutbox, settings
    ):
        settings.ACCOUNT_EMAIL_VERIFICATION = "mandatory"
        UserFactory(email="owner@example.com")

        for n, ip in enumerate(self.CLIENTS):
            body = signup_data(username=f"bomber{n}", email="owner@example.com")
            assert api_client.post(REGISTER, body, REMOTE_ADDR=ip).status_code == 201

        assert len(self.mails_to(mailoutbox, "owner@example.com")) == 1

    def test_with_optional_verification_a_taken_address_mails_nobody(self, api_client, mailoutbox):
        UserFactory(email="owner@example.com")

        for n, ip in enumerate(self.CLIENTS):
            body = signup_data(username=f"bomber{n}", email="owner@example.com")
            assert api_client.post(REGISTER, body, REMOTE_ADDR=ip).status_code == 400

        assert self.mails_to(mailoutbox, "owner@example.com") == []

    def test_one_client_is_throttled_across_addresses(self, api_client, settings, mailoutbox):
        rates = {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "auth": "3/min"}
        settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}

        statuses = [
            api_client.post(PASSWORD_RESET, {"email": f"a{n}@example.com"}).status_code for n in range(5)
        ]

        assert statuses == [200, 200, 200, 429, 429]
        assert len(mailoutbox) == 3


class TestAPI8SecurityMisconfiguration:
    """API8:2023 Security Misconfiguration: production settings, JSON only, no debug, CORS, cookies."""

    def test_production_settings_pass_check_deploy_with_debug_off(self):
        done = run_python("manage.py", "check", "--deploy", "--fail-level", "WARNING")
        assert done.returncode == 0, done.stdout + done.stderr

        shown = run_python(
            "-c",
            "import django, json; django.setup(); from django.conf import settings as s; "
            "print(json.dumps([s.DEBUG, s.CORS_ALLOWED_ORIGINS, getattr(s, 'CORS_ALLOW_ALL_ORIGINS', False), "
            "getattr(s, 'CORS_ALLOW_CREDENTIALS', False)]))",
        )
        assert json.loads(shown.stdout.splitlines()[-1]) == [False, [], False, False], shown.stderr

    @pytest.mark.parametrize("debug", [False, True])
    def test_errors_under_api_are_json_never_html_nor_debug_pages(
        self, api_client, auth_client, settings, debug
    ):
        settings.DEBUG = debug
        answers = [
            api_client.get("/api/v1/nope/"),
            api_client.get("/api/v2/posts/"),
            auth_client.delete(USER),
            auth_client.post(POSTS, "{not json", content_type="application/json"),
            api_client.get(USER),
            auth_client.get(f"{POSTS}999999/"),
        ]
        for response in answers:
            assert response["Content-Type"] == "application/json", response.content[:200]
            assert set(response.json()) <= {"detail", "non_field_errors"}
            assert b"Traceback" not in response.content
            assert b"<html" not in response.content.lower()

    def test_an_unlisted_origin_gets_no_cors_grant(self, api_client, settings):
        settings.CORS_ALLOWED_ORIGINS = ["https://app.example.com"]

        simple = api_client.get(POSTS, HTTP_ORIGIN="https://evil.example")
        preflight = api_client.options(
            LOGIN, HTTP_ORIGIN="https://evil.example", HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST"
        )
        listed = api_client.options(
            LOGIN, HTTP_ORIGIN="https://app.example.com", HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST"
        )

        for response in (simple, preflight):
            assert "Access-Control-Allow-Origin" not in response
            assert "Access-Control-Allow-Credentials" not in response
        assert listed["Access-Control-Allow-Origin"] == "https://app.example.com"
        assert "Access-Control-Allow-Credentials" not in listed

    def test_no_answer_of_a_whole_account_life_sets_a_cookie(self, api_client):
        answers = [api_client.post(REGISTER, signup_data(username="cookie", email="cookie@example.com"))]
        client = client_with(answers[0].json()["key"])
        answers += [
            client.get(USER),
            client.post(POSTS, {"title": "t", "body": "b"}),
            client.post(
                PASSWORD_CHANGE,
                {
                    "old_password": PASSWORD,
                    "new_password1": "n3w-passphrase-ok",
                    "new_password2": "n3w-passphrase-ok",
                },
            ),
            api_client.post(LOGIN, {"username": "cookie", "password": "n3w-passphrase-ok"}),
            api_client.get("/api/v1/nope/"),
        ]
        client = client_with(answers[-2].json()["key"])
        answers.append(client.post(DELETE_ACCOUNT, {"password": "n3w-passphrase-ok"}))
        for response in answers:
            assert response.status_code in (200, 201, 204, 404), response.content
            assert "Set-Cookie" not in response
            assert not response.cookies


class TestAPI9ImproperInventoryManagement:
    """API9:2023 Improper Inventory Management: every route under /api/ is one the schema documents."""

    def test_every_api_route_is_in_the_openapi_schema(self):
        documented = set(SchemaGenerator().get_schema(request=None, public=True)["paths"])
        served = set()

        def walk(patterns, prefix=""):
            for pattern in patterns:
                route = prefix + str(pattern.pattern).lstrip("^").rstrip("$")
                if isinstance(pattern, URLResolver):
                    walk(pattern.url_patterns, route)
                elif route.startswith("api/"):
                    served.add("/" + re.sub(r"<(?:\w+:)?pk>|\(\?P<pk>[^)]*\)", "{id}", route))

        walk(get_resolver().url_patterns)
        # The schema itself and its two viewers are pages about the API, not operations of it.
        pages = {"/api/v1/schema/", "/api/v1/docs/", "/api/v1/redoc/"}
        assert served - pages == {path for path in documented if path.startswith("/api/")}
