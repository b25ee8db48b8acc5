from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from apps.accounts.models import User

# Sessions and API keys have their own admin, in apps/keys/admin.py.
admin.site.register(User, UserAdmin)
