from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models.functions import Lower


class User(AbstractUser):
    """The account. Custom from the first migration, because swapping it later is painful."""

    email = models.EmailField("email address")

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        constraints = [
            # One account per address, whatever its letter case: the database is the real guard,
            # allauth only checks verified addresses.
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique"),
        ]
