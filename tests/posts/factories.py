import factory

from apps.posts.models import Post
from tests.factories import UserFactory


class PostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Post

    title = factory.Sequence(lambda n: f"Post {n}")
    body = factory.Faker("paragraph")
    author = factory.SubFactory(UserFactory)
