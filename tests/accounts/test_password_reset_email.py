"""The password reset e-mail, sent without the deprecation warning dj-rest-auth's own form prints."""

import warnings

import pytest

RESET_URL = "/api/v1/dj-rest-auth/password/reset/"


@pytest.mark.django_db
def test_a_reset_warns_nothing_and_mails_the_link_with_the_username(api_client, user, mailoutbox):
    with warnings.catch_warnings():
        # What the dev server's console would print: dj-rest-auth 7.2 reads allauth's
        # deprecated AUTHENTICATION_METHOD here (a UserWarning).
        warnings.simplefilter("error")
        response = api_client.post(RESET_URL, {"email": user.email})
    assert response.status_code == 200
    assert response.json() == {"detail": "Password reset e-mail has been sent."}
    [mail] = mailoutbox
    assert mail.to == [user.email]
    assert "/reset-password/" in mail.body
    assert user.username in mail.body
