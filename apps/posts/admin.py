from django.contrib import admin

from apps.posts.models import Post


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = ["title", "author", "created_at", "updated_at"]
    list_select_related = ["author"]
    search_fields = ["title"]
    readonly_fields = ["created_at", "updated_at"]
    # A drop-down of every user does not scale; a raw id field does.
    raw_id_fields = ["author"]
    # Skips the second COUNT(*) over the whole table that a filtered list would run.
    show_full_result_count = False
