from rest_framework.routers import SimpleRouter

from apps.posts.views import PostViewSet

# Trailing slashes kept: APPEND_SLASH is off, so /posts without one is a JSON 404.
router = SimpleRouter()
router.register("posts", PostViewSet, basename="post")

urlpatterns = router.urls
