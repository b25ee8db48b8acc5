"""The upgrade: DRF's tokens become sessions holding only their digest, and keep working."""

from datetime import UTC, datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models
from django.db.migrations.executor import MigrationExecutor
from django.test.utils import isolate_apps

from apps.keys import crypto
from apps.keys.models import Key
from tests.accounts.api import USER
from tests.factories import UserFactory
from tests.keys.test_sessions import client_for

OLD_KEYS = ["9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b", "0123456789abcdef0123456789abcdef01234567"]
MADE = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


def leaves():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@isolate_apps("rest_framework.authtoken")
def create_drf_token_table(users):
    """rest_framework.authtoken's table as its migrations left it, with a token per user."""

    class Token(models.Model):
        key = models.CharField(max_length=40, primary_key=True)
        user = models.OneToOneField(get_user_model(), on_delete=models.CASCADE, related_name="+")
        created = models.DateTimeField()

        class Meta:
            app_label = "authtoken"
            db_table = "authtoken_token"

        def __str__(self):
            return self.key

    with connection.schema_editor() as editor:
        editor.create_model(Token)
    for key, user in zip(OLD_KEYS, users, strict=True):
        Token.objects.create(key=key, user=user, created=MADE)
    with connection.cursor() as cursor:
        for name in ("0001_initial", "0002_auto_20160226_1747", "0003_tokenproxy"):
            cursor.execute(
                "INSERT INTO django_migrations (app, name, applied) VALUES ('authtoken', %s, %s)",
                [name, MADE],
            )
    ContentType.objects.create(app_label="authtoken", model="token")


@pytest.mark.django_db(transaction=True)
def test_drf_tokens_become_sessions_that_keep_working_and_the_plaintext_table_goes():
    targets = leaves()
    migrate([("keys", None)])  # before the upgrade: no keys table
    assert "keys_key" not in connection.introspection.table_names()
    users = [UserFactory(), UserFactory()]
    create_drf_token_table(users)

    migrate(targets)

    assert "authtoken_token" not in connection.introspection.table_names()
    for key, user in zip(OLD_KEYS, users, strict=True):
        session = Key.objects.get(digest=crypto.digest(key))
        assert (session.user, session.kind, session.name) == (
            user,
            Key.Kind.SESSION,
            "Signed in before the upgrade",
        )
        assert session.created_at == MADE
        assert session.max_expires_at > session.expires_at > MADE
        response = client_for(key).get(USER)
        assert response.status_code == 200
        assert response.json()["username"] == user.username
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM django_migrations WHERE app = 'authtoken'")
        assert cursor.fetchone()[0] == 0
    assert not ContentType.objects.filter(app_label="authtoken").exists()


@pytest.mark.django_db(transaction=True)
def test_without_a_drf_token_table_the_migration_does_nothing():
    targets = leaves()
    migrate([("keys", None)])

    migrate(targets)

    assert not Key.objects.exists()


@pytest.mark.django_db
def test_an_old_key_that_nobody_held_is_refused(api_client):
    assert client_for("f" * 40).get(USER).status_code == 401
