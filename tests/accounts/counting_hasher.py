from django.contrib.auth.hashers import MD5PasswordHasher


class CountingPasswordHasher(MD5PasswordHasher):
    """The test settings' hasher (md5, so existing hashes verify), noting every password it hashes.

    Django hashes through encode() when it makes a hash, checks one, and when it equalizes the time
    of a login for an unknown user. `calls` counts them; `lengths` keeps each password's length.
    """

    calls = 0
    lengths = []

    def encode(self, password, salt):
        type(self).calls += 1
        type(self).lengths.append(len(password))
        return super().encode(password, salt)
