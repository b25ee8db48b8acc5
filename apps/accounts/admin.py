from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from apps.accounts.models import User
from apps.accounts.services import account_delete


@admin.register(User)
class AccountAdmin(UserAdmin):
    """Django's UserAdmin; deleting goes through account_delete, as user/delete/ does."""

    def delete_model(self, request, obj):
        account_delete(user=obj, request=request)

    def delete_queryset(self, request, queryset):
        for user in queryset:
            account_delete(user=user, request=request)

    def get_deleted_objects(self, objs, request):
        # What an account owns (sessions, keys, MFA devices, addresses, posts) goes with it: the
        # permission to delete users is enough, as it is for user/delete/.
        deleted, model_count, _perms_needed, protected = super().get_deleted_objects(objs, request)
        return deleted, model_count, set(), protected


# Sessions and API keys have their own admin, in apps/keys/admin.py.
