from rest_framework import serializers

from apps.posts.models import Post


class AuthorSerializer(serializers.Serializer):
    # Declared, not a ModelSerializer: that one rebuilds its fields from the model for every post.
    id = serializers.IntegerField(read_only=True)
    username = serializers.CharField(read_only=True)


class PostSerializer(serializers.ModelSerializer):
    """A post. `title` is trimmed and must keep 1 to 200 characters; `body` is kept as sent, 1 to
    20,000 characters; neither may hold a NUL character. `author` is the caller, whatever is sent.
    """

    # Read-only, and the view saves the token's user: an author in the request is ignored.
    # DRF's CharField refuses NUL (which PostgreSQL cannot store in text) and names max_length.
    author = AuthorSerializer(read_only=True)

    class Meta:
        model = Post
        fields = ["id", "title", "body", "author", "created_at", "updated_at"]
        read_only_fields = ["id", "created_at", "updated_at"]
        # Leading spaces and newlines of a body can be content (indented code, Markdown).
        extra_kwargs = {"body": {"trim_whitespace": False}}

    def validate_body(self, body):
        if not body.strip():
            raise serializers.ValidationError("This field may not be blank.", code="blank")
        return body
