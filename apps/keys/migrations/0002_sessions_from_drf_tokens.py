"""DRF's tokens become sessions holding only their digest, then their plaintext table goes.

An upgrade signs nobody out: a 40-hex key made before it keeps working as a session (its idle and
maximum deadlines counted from the upgrade) until it expires or is revoked. The reverse cannot
bring plaintext keys back: it does nothing.
"""

import hashlib
from datetime import UTC, timedelta

from django.conf import settings
from django.db import migrations
from django.utils import timezone
from django.utils.dateparse import parse_datetime

TABLE = "authtoken_token"
DEVICE = "Signed in before the upgrade"


def aware(value):
    # SQLite hands the raw column back as text, PostgreSQL as an aware datetime.
    if isinstance(value, str):
        value = parse_datetime(value)
    return value if timezone.is_aware(value) else value.replace(tzinfo=UTC)


def sessions_from_tokens(apps, schema_editor):
    connection = schema_editor.connection
    if TABLE not in connection.introspection.table_names():
        return
    Key = apps.get_model("keys", "Key")
    now = timezone.now()
    max_expires_at = now + timedelta(seconds=settings.TOKEN_MAX_AGE)
    expires_at = min(now + timedelta(seconds=settings.TOKEN_IDLE_TIMEOUT), max_expires_at)
    columns = ", ".join(connection.ops.quote_name(column) for column in ("key", "user_id", "created"))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns} FROM {TABLE}")
        rows = cursor.fetchall()
    Key.objects.bulk_create(
        Key(
            user_id=user_id,
            kind="session",
            name=DEVICE,
            digest=hashlib.sha256(key.encode("ascii")).hexdigest(),
            created_at=aware(created),
            last_used_at=now,
            expires_at=expires_at,
            max_expires_at=max_expires_at,
        )
        for key, user_id, created in rows
    )
    schema_editor.execute(f"DROP TABLE {TABLE}")
    # rest_framework.authtoken is no longer installed: its migrations and permissions are history.
    schema_editor.execute("DELETE FROM django_migrations WHERE app = 'authtoken'")
    apps.get_model("contenttypes", "ContentType").objects.filter(app_label="authtoken").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("keys", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(sessions_from_tokens, migrations.RunPython.noop)]
