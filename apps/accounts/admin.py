from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from apps.accounts.models import User

# Tokens are listed by rest_framework.authtoken's own admin, which shows keys but never edits them.
admin.site.register(User, UserAdmin)
