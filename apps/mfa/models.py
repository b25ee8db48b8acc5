from django.db import models


class UsedEphemeralToken(models.Model):
    """An ephemeral token that verify/ has exchanged for a session: the primary key makes its use
    single, atomically, across workers. Rows older than the token's lifetime are deleted as they
    go, since an expired token is refused anyway."""

    digest = models.CharField(max_length=64, primary_key=True)
    used_at = models.DateTimeField(db_index=True)

    def __str__(self):
        return f"ephemeral token used at {self.used_at:%Y-%m-%d %H:%M:%S}"
