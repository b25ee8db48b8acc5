from django.conf import settings
from django.db import models
from django.utils import timezone

TITLE_MAX_LENGTH = 200
BODY_MAX_LENGTH = 20_000


class Post(models.Model):
    title = models.CharField(max_length=TITLE_MAX_LENGTH)
    body = models.TextField(max_length=BODY_MAX_LENGTH)
    # The composite index below starts with author, so it serves the foreign key too.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="posts", db_index=False
    )
    # A default rather than auto_now_add, which would overwrite the times seed_posts spreads out.
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        # Pages are keyset-paginated on (created_at, id), newest first; these indexes are that
        # order, for the whole table and for one author's posts.
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["-created_at", "-id"], name="posts_newest_first"),
            models.Index(fields=["author", "-created_at", "-id"], name="posts_author_newest_first"),
        ]

    def __str__(self):
        return self.title
