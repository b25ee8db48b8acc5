"""Writes on the account as a whole. Views and the admin call these."""

from types import SimpleNamespace

from django.db import transaction

from apps.core.audit import auth_event


def account_delete(*, user, request=None) -> None:
    """The account and all that is its own, in one transaction: its sessions and API keys
    (apps/keys), MFA devices, e-mail addresses, social accounts and posts (their foreign keys
    cascade). Its username and address are free again at once."""
    user_id = user.pk
    with transaction.atomic():
        user.delete()
    # delete() clears the instance's pk; the event names the account that was.
    auth_event("account_deleted", request=request, user=SimpleNamespace(pk=user_id))
