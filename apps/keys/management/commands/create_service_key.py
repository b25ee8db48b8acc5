from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from apps.keys import services
from apps.keys.scopes import SCOPES


def positive_int(value):
    number = int(value)
    if number < 1:
        raise ValueError(value)
    return number


class Command(BaseCommand):
    help = (
        "Make an API key for a service account (made on first use). The key alone goes to standard "
        "output, so that `KEY=$(manage.py create_service_key ...)` captures it; messages go to "
        "standard error."
    )

    def add_arguments(self, parser):
        parser.add_argument("--service", required=True, help="The service account's name, e.g. billing.")
        parser.add_argument(
            "--scope", action="append", required=True, choices=list(SCOPES), dest="scopes", help="Repeatable."
        )
        parser.add_argument("--expires-in-days", type=positive_int, help="Without it the key never expires.")
        parser.add_argument("--name", default="service key", help="The key's name (up to 100 characters).")

    def handle(self, *args, service, scopes, expires_in_days, name, **options):
        if not 1 <= len(name) <= 100:
            raise CommandError("--name must be 1 to 100 characters.")
        expires_at = timezone.now() + timedelta(days=expires_in_days) if expires_in_days else None
        try:
            issued, created = services.service_key_create(
                service=service, scopes=scopes, expires_at=expires_at, name=name
            )
        except services.ServiceNameTaken as error:
            raise CommandError(str(error)) from None
        except ValidationError as error:
            raise CommandError(f"--service: {' '.join(error.messages)}") from None
        key = issued.instance
        if created:
            self.stderr.write(
                f"Created the service account {key.user.username}.", style_func=self.style.SUCCESS
            )
        expiry = f"expires {key.expires_at.isoformat()}" if key.expires_at else "never expires"
        self.stderr.write(
            f"API key {key.pk} of {key.user.username} ({', '.join(key.scopes)}; {expiry}). "
            "It is shown once, on standard output:",
            style_func=self.style.SUCCESS,
        )
        self.stdout.write(issued.key)
