from rest_framework import serializers

from apps.posts.models import BODY_MAX_LENGTH, TITLE_MAX_LENGTH, Post


class AuthorSerializer(serializers.Serializer):
    # Declared, not a ModelSerializer: that one rebuilds its fields from the model for every post.
    id = serializers.IntegerField(read_only=True)
    username = serializers.CharField(read_only=True)


# Declared rather than a ModelSerializer, which inspects the model to build these fields again for
# every request (a tenth of a write); tests/posts/test_serializers.py proves they are the fields a
# ModelSerializer builds from Post. (The docstring is the schema's description: kept for clients.)
class PostSerializer(serializers.Serializer):
    """A post. `title` is trimmed and must keep 1 to 200 characters; `body` is kept as sent, 1 to
    20,000 characters; neither may hold a NUL character. `author` is the caller, whatever is sent.
    """

    id = serializers.BigIntegerField(label="ID", read_only=True)
    # DRF's CharField refuses NUL (which PostgreSQL cannot store in text) and names max_length.
    title = serializers.CharField(max_length=TITLE_MAX_LENGTH)
    # Leading spaces and newlines of a body can be content (indented code, Markdown).
    body = serializers.CharField(
        max_length=BODY_MAX_LENGTH, style={"base_template": "textarea.html"}, trim_whitespace=False
    )
    # Read-only, and the view saves the token's user: an author in the request is ignored.
    author = AuthorSerializer(read_only=True)
    created_at = serializers.DateTimeField(read_only=True)
    updated_at = serializers.DateTimeField(read_only=True)

    def validate_body(self, body):
        if not body.strip():
            raise serializers.ValidationError("This field may not be blank.", code="blank")
        return body

    def create(self, validated_data):
        return Post.objects.create(**validated_data)

    def update(self, post, validated_data):
        for field, value in validated_data.items():
            setattr(post, field, value)
        post.save()
        return post
