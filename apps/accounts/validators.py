import re

from django.core.validators import RegexValidator
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _


@deconstructible
class UsernameValidator(RegexValidator):
    """ASCII letters, digits and `.`, `_`, `-` only.

    Django's default also takes any Unicode letter, `@` and `+`: `alice` spelled with a Cyrillic es
    (U+0441) for its `c` could then pose as `alice` beside her, and a username as an address.
    """

    regex = r"^[A-Za-z0-9._-]+\Z"
    flags = re.ASCII
    message = _("Enter a valid username: ASCII letters, digits and the characters . _ - only.")
