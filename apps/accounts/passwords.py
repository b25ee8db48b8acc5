from rest_framework import serializers

# Long enough for any passphrase or password manager; a longer one is refused before any hashing.
PASSWORD_MAX_LENGTH = 4096


def password_field(**kwargs):
    """A password in a request body: a 400 naming the limit past PASSWORD_MAX_LENGTH characters.

    DRF checks max_length before the serializer's own validation, so nothing hashes such a value.
    """
    return serializers.CharField(
        max_length=PASSWORD_MAX_LENGTH, write_only=True, style={"input_type": "password"}, **kwargs
    )
