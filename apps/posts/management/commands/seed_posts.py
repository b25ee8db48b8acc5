import random
import uuid
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import reset_queries
from django.utils import timezone
from tqdm import tqdm

from apps.posts.models import Post

BATCH_SIZE = 5_000
# Posts are dated at random over the past year, so pages mix authors and dates as real data does.
SPREAD = timedelta(days=365)


class Command(BaseCommand):
    help = "Create USERS new users and COUNT posts spread over them, in batches, for load tests."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, required=True, help="number of posts to create")
        parser.add_argument("--users", type=int, default=10, help="number of new users to own them")

    def handle(self, *args, count, users, **options):
        if count < 0 or users < 1:
            raise CommandError("--count must be 0 or more and --users 1 or more.")
        authors = self.create_users(users)
        self.create_posts(count, [author.pk for author in authors])
        self.stdout.write(
            f"Created {users} users (ids {authors[0].pk} to {authors[-1].pk}) and {count} posts."
        )

    def create_users(self, count):
        User = get_user_model()
        # A run tag keeps usernames unique when the command runs again on the same database.
        run = uuid.uuid4().hex[:8]
        # Seeded users cannot log in; hashing a real password per user would dominate the run.
        password = make_password(None)
        created = []
        with tqdm(total=count, unit="user", desc="users") as progress:
            for start in range(0, count, BATCH_SIZE):
                batch = [
                    User(username=f"seed-{run}-{n}", email=f"seed-{run}-{n}@example.com", password=password)
                    for n in range(start, min(start + BATCH_SIZE, count))
                ]
                created += User.objects.bulk_create(batch)
                progress.update(len(batch))
        return created

    def create_posts(self, count, author_ids):
        now = timezone.now()
        spread = int(SPREAD.total_seconds() * 1_000_000)
        with tqdm(total=count, unit="post", desc="posts") as progress:
            for start in range(0, count, BATCH_SIZE):
                size = min(BATCH_SIZE, count - start)
                Post.objects.bulk_create(
                    Post(
                        title=f"Post {start + n + 1}",
                        body="Seeded for load tests. " * 8,
                        author_id=random.choice(author_ids),
                        created_at=now - timedelta(microseconds=random.randrange(spread)),
                    )
                    for n in range(size)
                )
                # Under DEBUG Django keeps every query's SQL; a million rows of INSERTs is hundreds of MB.
                reset_queries()
                progress.update(size)
