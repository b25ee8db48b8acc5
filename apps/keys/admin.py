"""Staff list, filter and revoke sessions and API keys, and make service keys. Nothing is editable:
a key is never stored, and its digest is never shown."""

from datetime import timedelta

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.utils import timezone

from apps.keys import services
from apps.keys.models import Key
from apps.keys.scopes import SCOPES


class ServiceKeyForm(forms.ModelForm):
    """The add form: a new API key for a service account, made on first use."""

    service = forms.CharField(max_length=150, help_text="The service account's name, e.g. billing.")
    key_name = forms.CharField(max_length=100, initial="service key", label="Key name")
    scopes = forms.MultipleChoiceField(
        choices=[(scope, f"{scope}: {meaning}") for scope, meaning in SCOPES.items()],
        widget=forms.CheckboxSelectMultiple,
    )
    expires_in_days = forms.IntegerField(min_value=1, required=False, help_text="Empty: never expires.")

    class Meta:
        model = Key
        fields = ()

    def clean_service(self):
        service = self.cleaned_data["service"]
        user = get_user_model().objects.filter(username__iexact=service).first()
        if user is not None and not user.is_service:
            raise ValidationError("This is a person's account, not a service account.")
        return service


@admin.register(Key)
class KeyAdmin(admin.ModelAdmin):
    list_display = ("id", "user", "kind", "name", "scopes", "created_at", "last_used_at", "expires_at")
    list_filter = ("kind", "user__is_service", "created_at", "last_used_at")
    list_select_related = ("user",)
    search_fields = ("user__username", "user__email", "name")
    ordering = ("-created_at",)
    # The digest is not listed: it identifies a key to anyone who has it, which staff need not.
    fields = ("user", "kind", "name", "scopes", "created_at", "last_used_at", "expires_at", "max_expires_at")
    readonly_fields = fields
    actions = ["revoke"]

    def has_change_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        actions = super().get_actions(request)
        # Deleting is revoking, through services so that each one is logged.
        actions.pop("delete_selected", None)
        return actions

    @admin.action(description="Revoke the selected sessions and API keys", permissions=["delete"])
    def revoke(self, request, queryset):
        keys = list(queryset.select_related("user"))
        for key in keys:
            services.key_revoke(key=key, request=request)
        self.message_user(request, f"Revoked {len(keys)}.", messages.SUCCESS)

    def delete_model(self, request, obj):
        services.key_revoke(key=obj, request=request)

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = ServiceKeyForm
            kwargs["fields"] = ("service", "key_name", "scopes", "expires_in_days")
        return super().get_form(request, obj, **kwargs)

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return [(None, {"fields": ("service", "key_name", "scopes", "expires_in_days")})]
        return super().get_fieldsets(request, obj)

    def get_readonly_fields(self, request, obj=None):
        return () if obj is None else self.readonly_fields

    def save_model(self, request, obj, form, change):
        days = form.cleaned_data["expires_in_days"]
        issued, _ = services.service_key_create(
            service=form.cleaned_data["service"],
            scopes=form.cleaned_data["scopes"],
            expires_at=timezone.now() + timedelta(days=days) if days else None,
            name=form.cleaned_data["key_name"],
            request=request,
        )
        # The admin logs and answers about `obj`: it becomes the row made.
        obj.__dict__.update(issued.instance.__dict__)
        obj.issued_key = issued.key

    def response_add(self, request, obj, post_url_continue=None):
        # Shown on this page only, never in a message (the messages cookie would carry it). The
        # admin's views are never_cache: no browser or proxy keeps the page.
        return TemplateResponse(
            request,
            "admin/keys/key/key_created.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "key": obj,
                "plaintext": obj.issued_key,
            },
        )
