from django.http import JsonResponse
from django.urls import path


def floor(request):
    return JsonResponse({"id": 1, "title": "The floor", "body": "The least a Django view can answer."})


urlpatterns = [path("floor/", floor)]
