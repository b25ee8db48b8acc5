"""Requests that race each other, on PostgreSQL where they really run in parallel."""

import threading

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from rest_framework.test import APIClient

from apps.keys.models import Key
from tests.accounts.api import REGISTER, signup_data

pytestmark = pytest.mark.postgres
CLIENTS = 8


def at_once(requests):
    """Send each (path, data) from its own thread and connection, all released at the same moment."""
    barrier = threading.Barrier(len(requests))
    responses = [None] * len(requests)

    def send(index, path, data):
        try:
            client = APIClient()
            barrier.wait(timeout=30)
            responses[index] = client.post(path, data, REMOTE_ADDR=f"198.51.100.{index}")
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(i, *request)) for i, request in enumerate(requests)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return responses


def test_eight_registrations_of_one_address_make_one_account(transactional_db, mailoutbox):
    variants = ["dup@example.com", "DUP@example.com", "Dup@Example.com", "dup@EXAMPLE.COM"] * 2
    requests = [
        (REGISTER, signup_data(username=f"racer{n}", email=email)) for n, email in enumerate(variants)
    ]

    responses = at_once(requests)

    statuses = sorted(response.status_code for response in responses)
    assert statuses == [201] + [400] * (CLIENTS - 1), [r.content for r in responses]
    for response in responses:
        if response.status_code == 400:
            assert response.json() == {"email": ["A user is already registered with this e-mail address."]}
    assert get_user_model().objects.filter(email__iexact="dup@example.com").count() == 1
    assert Key.objects.count() == 1


def test_eight_registrations_of_one_username_make_one_account(transactional_db):
    names = ["racer", "RACER", "Racer", "rAcEr"] * 2
    requests = [
        (REGISTER, signup_data(username=name, email=f"racer{n}@example.com")) for n, name in enumerate(names)
    ]

    responses = at_once(requests)

    assert sorted(response.status_code for response in responses) == [201] + [400] * (CLIENTS - 1)
    for response in responses:
        if response.status_code == 400:
            assert response.json() == {"username": ["A user with that username already exists."]}
    assert get_user_model().objects.filter(username__iexact="racer").count() == 1
