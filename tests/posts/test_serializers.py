"""PostSerializer declares its fields; they must stay the ones a ModelSerializer builds from Post.

A ModelSerializer inspects the model to build its fields again for every instance, a tenth of a
write. The declared fields skip that; this test fails as soon as they differ from what DRF would
build (a changed max_length, a new model field, a validator), so validation and its error shapes
cannot drift from the model.
"""

from rest_framework import serializers

from apps.posts.models import Post
from apps.posts.serializers import AuthorSerializer, PostSerializer


class PostModelSerializer(serializers.ModelSerializer):
    """What PostSerializer was: built from the model by DRF."""

    author = AuthorSerializer(read_only=True)

    class Meta:
        model = Post
        fields = ["id", "title", "body", "author", "created_at", "updated_at"]
        read_only_fields = ["id", "created_at", "updated_at"]
        extra_kwargs = {"body": {"trim_whitespace": False}}


def fields_of(serializer):
    # DRF's repr names each field with its class, its arguments and its validators.
    return repr(serializer).split("\n", 1)[1]


def test_the_declared_fields_are_those_drf_builds_from_the_model():
    assert fields_of(PostSerializer()) == fields_of(PostModelSerializer())


def test_the_declared_fields_validate_as_drf_builds_them():
    for field in ("title", "body"):
        declared, built = PostSerializer().fields[field], PostModelSerializer().fields[field]
        assert [type(v) for v in declared.validators] == [type(v) for v in built.validators]
        assert [getattr(v, "limit_value", None) for v in declared.validators] == [
            getattr(v, "limit_value", None) for v in built.validators
        ]
        assert declared.error_messages == built.error_messages
