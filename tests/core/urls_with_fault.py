"""The project's URLs plus one view that fails, to see what an unhandled exception answers."""

from django.urls import path
from rest_framework.permissions import AllowAny
from rest_framework.views import APIView

from config.urls import handler400, handler403, handler404, handler500, urlpatterns  # noqa: F401


class FaultyView(APIView):
    permission_classes = [AllowAny]

    def get(self, request):
        raise RuntimeError("secret detail that must not leak")


urlpatterns = [*urlpatterns, path("api/v1/fault/", FaultyView.as_view())]
