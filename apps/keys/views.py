"""The caller's sessions and API keys. Only a session may manage them: an API key gets a 403."""

from django.db.models import F
from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_view, inline_serializer
from rest_framework import generics, serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.accounts.views import AUTH_THROTTLES
from apps.keys import services
from apps.keys.models import Key
from apps.keys.permissions import IsSession
from apps.keys.serializers import ApiKeyCreateSerializer, ApiKeySerializer, SessionSerializer


class SessionOnlyView:
    permission_classes = [IsAuthenticated, IsSession]


class OwnKeysView(SessionOnlyView, generics.GenericAPIView):
    """The caller's own rows of one kind: another user's id is a 404, as an unknown one."""

    pagination_class = None
    kind: Key.Kind

    def get_queryset(self):
        return Key.objects.filter(user=self.request.user, kind=self.kind).select_related("user")

    def perform_destroy(self, instance):
        services.key_revoke(key=instance, request=self.request)


@extend_schema_view(
    get=extend_schema(
        summary="The caller's sessions (signed-in devices), most recently used first",
        description=(
            "`current` marks the session of this call. A use is recorded at most once a minute, so "
            "`last_used_at` may lag by that much. Expired sessions are not listed. Never a key."
        ),
    )
)
class SessionListView(OwnKeysView, generics.ListAPIView):
    kind = Key.Kind.SESSION
    serializer_class = SessionSerializer

    def get_queryset(self):
        # Expired sessions no longer work; clear_expired_keys deletes them.
        return (
            super()
            .get_queryset()
            .filter(expires_at__gt=timezone.now())
            .order_by(F("last_used_at").desc(nulls_last=True), "-pk")
        )


@extend_schema_view(
    delete=extend_schema(
        summary="Sign one session out",
        description="That session's key stops working at once; it may be the caller's own.",
    )
)
class SessionDetailView(OwnKeysView, generics.DestroyAPIView):
    kind = Key.Kind.SESSION
    serializer_class = SessionSerializer


@extend_schema_view(
    post=extend_schema(
        summary="Sign every other session out",
        description="Every session of the caller but this one stops working; API keys are kept.",
        request=None,
        responses=inline_serializer("RevokedSessions", {"revoked": serializers.IntegerField()}),
    )
)
class SessionRevokeOthersView(SessionOnlyView, APIView):
    def post(self, request):
        revoked = services.sessions_revoke(user=request.user, keep=request.auth, request=request)
        return Response({"revoked": revoked})


@extend_schema_view(
    get=extend_schema(summary="The caller's API keys, newest first", description="Never a key."),
    post=extend_schema(
        summary="Make an API key: the key is in this answer only",
        description=(
            "For a script or another service. `scopes` is a non-empty list of known scopes; "
            "`expires_at`, if given, is in the future; `password` is the caller's. Store the `key` "
            "now: it is never shown again. Counts against the authentication rate limit."
        ),
        request=ApiKeyCreateSerializer,
        responses={201: ApiKeyCreateSerializer},
    ),
)
class ApiKeyListView(OwnKeysView, generics.ListCreateAPIView):
    kind = Key.Kind.API

    def get_queryset(self):
        return super().get_queryset().order_by("-created_at", "-pk")

    def get_serializer_class(self):
        return ApiKeyCreateSerializer if self.request.method == "POST" else ApiKeySerializer

    def get_throttles(self):
        # Making a key checks the password: it counts against THROTTLE_RATE_AUTH.
        if self.request.method == "POST":
            return [throttle() for throttle in AUTH_THROTTLES]
        return super().get_throttles()

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        issued = services.api_key_create(
            user=request.user,
            name=serializer.validated_data["name"],
            scopes=serializer.validated_data["scopes"],
            expires_at=serializer.validated_data.get("expires_at"),
            request=request,
        )
        data = ApiKeySerializer(issued.instance).data
        return Response({**data, "key": issued.key}, status=status.HTTP_201_CREATED)


@extend_schema_view(
    delete=extend_schema(summary="Revoke an API key", description="The key stops working at once.")
)
class ApiKeyDetailView(OwnKeysView, generics.DestroyAPIView):
    kind = Key.Kind.API
    serializer_class = ApiKeySerializer
