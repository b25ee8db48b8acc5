from django.core.management.base import BaseCommand, CommandError

from apps.keys import services
from apps.keys.models import Key


class Command(BaseCommand):
    help = "Revoke one session or API key by its id (as listed in the admin or by sessions/ and keys/)."

    def add_arguments(self, parser):
        parser.add_argument("id", type=int)

    def handle(self, *args, id, **options):
        key = Key.objects.select_related("user").filter(pk=id).first()
        if key is None:
            raise CommandError(f"No session or API key has the id {id}.")
        services.key_revoke(key=key)
        self.stdout.write(f"Revoked {key.get_kind_display()} {id} of {key.user.username}.")
