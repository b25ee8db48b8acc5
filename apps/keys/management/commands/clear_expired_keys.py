from django.core.management.base import BaseCommand

from apps.keys import services


class Command(BaseCommand):
    help = (
        "Delete expired sessions and expired API keys. Run it from a scheduler (cron, a Kubernetes "
        "CronJob): requests never scan for expired keys, they only refuse them."
    )

    def handle(self, *args, **options):
        deleted = services.expired_keys_delete()
        self.stdout.write(f"Deleted {deleted} expired sessions and API keys.")
