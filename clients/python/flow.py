"""The main flow of the API through the generated Python client (token_api_client).

Register, log in on two devices, list and revoke sessions, make an API key and use it as a
service would, create, list, read, update and delete a post, log out. Every step checks the
status and the body it promises; the first surprise stops the run with a non-zero exit.

    API_URL=http://127.0.0.1:8000 .venv/bin/python clients/python/flow.py
"""

import os
import sys
import time
import uuid
from datetime import datetime
from http import HTTPStatus

from token_api_client import AuthenticatedClient, Client
from token_api_client.api.accounts import get_user, login, logout, register
from token_api_client.api.posts import create_post, delete_post, get_post, list_posts, partial_update_post
from token_api_client.api.sessions_and_keys import (
    create_api_key,
    list_api_keys,
    list_sessions,
    revoke_api_key,
    revoke_session,
)
from token_api_client.models import (
    ApiKeyCreateRequest,
    ErrorDetail,
    FieldErrors,
    IssuedKey,
    LoginWithEmailRequest,
    LoginWithUsernameRequest,
    PatchedPostRequest,
    PostRequest,
    RegisterRequest,
    ScopesEnum,
)

API_URL = os.environ.get("API_URL", "http://127.0.0.1:8000")


class FlowError(Exception):
    pass


def expect(step, response, status):
    """The answer of a step, after checking its status."""
    if response.status_code != status:
        raise FlowError(f"{step}: expected {status}, got {response.status_code.value} {response.content!r}")
    print(f"ok  {step}: {status}")
    return response.parsed


def check(condition, what):
    if not condition:
        raise FlowError(what)


def keyed(key):
    # Sessions and API keys are both sent as `Authorization: Token <key>`.
    return AuthenticatedClient(base_url=API_URL, token=key, prefix="Token", raise_on_unexpected_status=True)


def main():
    anonymous = Client(base_url=API_URL, raise_on_unexpected_status=True)
    suffix = f"{int(time.time())}{uuid.uuid4().hex[:6]}"
    username = f"py_{suffix}"
    email = f"{username}@example.com"
    password = f"Correct-Horse-{uuid.uuid4()}"

    registration = RegisterRequest(
        username=username, email=email, password1=password, password2=password, device="Python flow: sign-up"
    )
    registered = expect(
        "register", register.sync_detailed(client=anonymous, body=registration), HTTPStatus.CREATED
    )
    check(isinstance(registered, IssuedKey), "register answers a key")

    # Two devices: one logs in with the username, the other with the e-mail address.
    by_username = LoginWithUsernameRequest(username=username, password=password, device="Phone")
    phone_key = expect(
        "login on the phone (username)", login.sync_detailed(client=anonymous, body=by_username), 200
    )
    by_email = LoginWithEmailRequest(email=email.upper(), password=password, device="Tablet")
    tablet_key = expect(
        "login on the tablet (e-mail)", login.sync_detailed(client=anonymous, body=by_email), 200
    )
    check(isinstance(phone_key, IssuedKey) and isinstance(tablet_key, IssuedKey), "keys, not a second step")
    check(isinstance(phone_key.expires_at, datetime), "expires_at is a time")
    check(phone_key.key != tablet_key.key, "each device has its own key")
    phone, tablet = keyed(phone_key.key), keyed(tablet_key.key)

    # The phone lists the sessions and signs the tablet out.
    sessions = expect("list sessions", list_sessions.sync_detailed(client=phone), 200)
    devices = {session.device: session for session in sessions}
    check({"Phone", "Tablet"} <= set(devices), f"both devices listed: {sorted(devices)}")
    check([s.device for s in sessions if s.current] == ["Phone"], "the current session is the phone's")
    expect(
        "revoke the tablet's session", revoke_session.sync_detailed(devices["Tablet"].id, client=phone), 204
    )
    expect("the tablet's key no longer works", get_user.sync_detailed(client=tablet), 401)
    me = expect("the phone's still does", get_user.sync_detailed(client=phone), 200)
    check(me.username == username, "user/ is the account")

    # An API key for a service: made with the password, shown once, limited to its scopes.
    request = ApiKeyCreateRequest(name="reporting service", scopes=[ScopesEnum.POSTSREAD], password=password)
    made = expect("create an API key", create_api_key.sync_detailed(client=phone, body=request), 201)
    service = keyed(made.key)
    listed_keys = expect("list API keys", list_api_keys.sync_detailed(client=phone), 200)
    check([key.id for key in listed_keys] == [made.id], "the key is listed")
    check(not hasattr(listed_keys[0], "key"), "a listed key never shows the key")
    expect("the API key calls user/", get_user.sync_detailed(client=service), 200)
    refused = expect("the API key may not list sessions", list_sessions.sync_detailed(client=service), 403)
    check(isinstance(refused, ErrorDetail), "a 403 is {detail}")
    write = PostRequest(title="From the service", body="No.")
    expect("posts:read may not write", create_post.sync_detailed(client=service, body=write), 403)

    # Posts: create, list (as the service), read, update, delete.
    post = expect(
        "create a post",
        create_post.sync_detailed(client=phone, body=PostRequest(title="Hello", body="First post.")),
        201,
    )
    check(post.author.username == username, "the author is the caller")
    page = expect(
        "list the author's posts with the API key",
        list_posts.sync_detailed(client=service, author=post.author.id),
        200,
    )
    check(post.id in [listed.id for listed in page.results], "the new post is listed")
    expect("read the post", get_post.sync_detailed(post.id, client=phone), 200)
    changed = expect(
        "update the post",
        partial_update_post.sync_detailed(
            post.id, client=phone, body=PatchedPostRequest(title="Hello again")
        ),
        200,
    )
    check(changed.title == "Hello again", "the new title")
    invalid = expect(
        "a title over 200 characters",
        partial_update_post.sync_detailed(post.id, client=phone, body=PatchedPostRequest(title="x" * 201)),
        400,
    )
    check(isinstance(invalid, FieldErrors) and "title" in invalid, "the 400 names the field")
    expect("delete the post", delete_post.sync_detailed(post.id, client=phone), 204)
    expect("the deleted post is gone", get_post.sync_detailed(post.id, client=phone), 404)

    # Revoke the API key, then log out: only that session ends.
    expect("revoke the API key", revoke_api_key.sync_detailed(made.id, client=phone), 204)
    expect("the revoked API key no longer works", get_user.sync_detailed(client=service), 401)
    expect("log out", logout.sync_detailed(client=phone), 200)
    expect("the phone's key no longer works", get_user.sync_detailed(client=phone), 401)
    print("Python flow: every step answered as documented")


if __name__ == "__main__":
    try:
        main()
    except FlowError as error:
        sys.exit(f"flow: {error}")
