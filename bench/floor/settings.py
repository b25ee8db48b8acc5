"""The floors: the least a Django app served by the same gunicorn can do per request.

No middleware, no apps, no ORM. `/floor/` returns a small JsonResponse and touches nothing: what
the product costs above it is the price of its features. `/raw/posts/` and `/raw/posts/<id>/`
(bench/floor/raw.py) do an authenticated read's work with psycopg and redis directly, on the
database in DATABASE_URL and the Redis in REDIS_URL: what the product costs above them is the
price of Django's ORM, DRF and the project's own code.
"""

SECRET_KEY = "bench-floor-only-not-a-secret"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "bench.floor.urls"
INSTALLED_APPS = []
MIDDLEWARE = []
DATABASES = {}
USE_TZ = True
