from django.http import JsonResponse
from django.urls import path

from bench.floor.raw import raw_detail, raw_list


def floor(request):
    return JsonResponse({"id": 1, "title": "The floor", "body": "The least a Django view can answer."})


urlpatterns = [
    path("floor/", floor),
    path("raw/posts/", raw_list),
    path("raw/posts/<int:pk>/", raw_detail),
]
