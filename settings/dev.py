from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
CORS_ALLOWED_ORIGINS = env.list("CORS_ALLOWED_ORIGINS", default=["http://localhost:3000"])
