"""The floor: the least a Django app served by the same gunicorn can do per request.

No database, no middleware, no apps: one URL and one view returning a small JsonResponse.
What the product costs above this is the price of its features.
"""

SECRET_KEY = "bench-floor-only-not-a-secret"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "bench.floor.urls"
INSTALLED_APPS = []
MIDDLEWARE = []
DATABASES = {}
USE_TZ = True
