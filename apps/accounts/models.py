from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from apps.accounts.validators import UsernameValidator

EMAIL_TAKEN = _("A user is already registered with this e-mail address.")
USERNAME_TAKEN = _("A user with that username already exists.")


class UserManager(DjangoUserManager):
    @classmethod
    def normalize_email(cls, email):
        # Django lowercases only the domain; allauth looks addresses up in lowercase, so an address
        # stored as `Alice@Example.com` (admin, createsuperuser) could neither log in nor reset.
        return super().normalize_email(email).lower()


class User(AbstractUser):
    """The account. Custom from the first migration, because swapping it later is painful."""

    # The contract's usernames (UsernameValidator), checked by allauth's signup, the admin and
    # user/ alike; rows made before the rule keep their names.
    username_validator = UsernameValidator()
    username = models.CharField(
        _("username"),
        max_length=150,
        unique=True,
        help_text=_("Required. 1 to 150 characters: ASCII letters, digits and . _ - only."),
        validators=[username_validator],
        error_messages={"unique": USERNAME_TAKEN},
    )
    email = models.EmailField("email address")
    # An account for another service (manage.py create_service_key): API keys only, no password,
    # no e-mail, and nobody logs in as it.
    is_service = models.BooleanField(
        "service account", default=False, help_text="Holds API keys for another service; cannot log in."
    )

    objects = UserManager()

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        constraints = [
            # One account per address, whatever its letter case: the database is the real guard,
            # allauth only checks verified addresses.
            # Accounts without an address (service accounts) do not collide.
            models.UniqueConstraint(
                Lower("email"),
                name="accounts_user_email_ci_unique",
                condition=~models.Q(email=""),
                violation_error_message=EMAIL_TAKEN,
            ),
            # Login by username ignores letter case, so `Bob` and `bob` must not both exist.
            models.UniqueConstraint(
                Lower("username"),
                name="accounts_user_username_ci_unique",
                violation_error_message=USERNAME_TAKEN,
            ),
        ]
