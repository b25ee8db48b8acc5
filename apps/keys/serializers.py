from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from apps.keys.models import Key
from apps.keys.scopes import SCOPES

NAME_MAX_LENGTH = Key._meta.get_field("name").max_length


def device_field():
    """The optional `device` of login and registration: the session's name (else the User-Agent)."""
    return serializers.CharField(
        max_length=NAME_MAX_LENGTH,
        required=False,
        allow_blank=True,
        write_only=True,
        help_text="A name for this session, e.g. `Alice's iPhone`; the User-Agent when left out.",
    )


class IssuedKeySerializer(serializers.Serializer):
    """dj-rest-auth's TOKEN_SERIALIZER: what login, registration and MFA verification answer."""

    key = serializers.CharField(read_only=True, help_text="Send it as `Authorization: Token <key>`.")
    expires_at = serializers.DateTimeField(
        read_only=True, help_text="When the key stops working if it is not used again."
    )


@extend_schema_field(
    {"type": "array", "items": {"type": "string", "enum": list(SCOPES)}, "minItems": 1, "uniqueItems": True}
)
class ScopesField(serializers.ListField):
    """A list whose items validate_scopes checks, so that anything unknown (a number, a long
    string) is named in one list of messages, the usual shape, rather than in ListField's errors
    keyed by position."""


class SessionSerializer(serializers.ModelSerializer):
    device = serializers.CharField(source="name", read_only=True)
    current = serializers.SerializerMethodField(help_text="This is the session the call was made with.")

    class Meta:
        model = Key
        fields = ("id", "device", "created_at", "last_used_at", "expires_at", "current")
        read_only_fields = fields

    def get_current(self, session) -> bool:
        return session.pk == self.context["request"].auth.pk


class ApiKeySerializer(serializers.ModelSerializer):
    name = serializers.CharField(min_length=1, max_length=NAME_MAX_LENGTH)
    scopes = ScopesField(
        allow_empty=False,
        help_text="; ".join(f"`{scope}`: {meaning}" for scope, meaning in SCOPES.items()),
    )
    expires_at = serializers.DateTimeField(
        required=False,
        allow_null=True,
        help_text="Optional; in the future. Without it the key never expires.",
    )

    class Meta:
        model = Key
        fields = ("id", "name", "scopes", "created_at", "expires_at", "last_used_at")
        read_only_fields = ("id", "created_at", "last_used_at")

    def validate_scopes(self, scopes):
        unknown = [scope for scope in scopes if not isinstance(scope, str) or scope not in SCOPES]
        if unknown:
            # Each cut short: the message names what was sent, not all of a megabyte of it.
            named = ", ".join(str(scope)[:50] for scope in unknown[:5])
            raise serializers.ValidationError(
                _("Unknown scope: {unknown}. Known scopes: {known}.").format(
                    unknown=named, known=", ".join(SCOPES)
                )
            )
        return sorted(set(scopes))

    def validate_expires_at(self, expires_at):
        if expires_at is not None and expires_at <= timezone.now():
            raise serializers.ValidationError(_("Must be in the future."))
        return expires_at


class ApiKeyCreateSerializer(ApiKeySerializer):
    password = serializers.CharField(
        write_only=True, style={"input_type": "password"}, help_text="The caller's password."
    )
    key = serializers.CharField(read_only=True, help_text="The key, shown here only, once.")

    class Meta(ApiKeySerializer.Meta):
        fields = (*ApiKeySerializer.Meta.fields, "password", "key")

    def validate_password(self, password):
        if not self.context["request"].user.check_password(password):
            raise serializers.ValidationError(_("Wrong password."))
        return password
