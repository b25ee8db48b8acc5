"""The product's URLs with DRF's generic list, retrieve and get_object for posts (test_selectors)."""

from django.urls import include, path
from rest_framework import viewsets
from rest_framework.routers import SimpleRouter

from apps.posts.views import PostViewSet
from config import urls


class GenericPostViewSet(PostViewSet):
    list = viewsets.ModelViewSet.list
    retrieve = viewsets.ModelViewSet.retrieve
    get_object = viewsets.ModelViewSet.get_object


router = SimpleRouter()
router.register("posts", GenericPostViewSet, basename="post")

# The first match wins: these posts routes, then everything else as the product has it.
urlpatterns = [path("api/v1/", include(router.urls)), *urls.urlpatterns]
handler400, handler403 = urls.handler400, urls.handler403
handler404, handler500 = urls.handler404, urls.handler500
