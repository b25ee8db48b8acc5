import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from apps.posts.management.commands import seed_posts
from apps.posts.models import Post


def test_seed_posts_creates_users_and_spreads_posts_over_them_in_batches(db, monkeypatch, capsys):
    monkeypatch.setattr(seed_posts, "BATCH_SIZE", 10)
    call_command("seed_posts", "--count", "25", "--users", "3")
    users = get_user_model().objects.filter(username__startswith="seed-")
    assert users.count() == 3
    assert Post.objects.count() == 25
    assert set(Post.objects.values_list("author", flat=True)) <= set(users.values_list("pk", flat=True))
    assert Post.objects.values("created_at").distinct().count() > 1
    out, err = capsys.readouterr()
    assert "Created 3 users" in out
    assert "25 posts" in out
    assert "25/25" in err  # tqdm's progress bar


def test_seed_posts_can_run_twice_on_the_same_database(db):
    call_command("seed_posts", "--count", "2", "--users", "2")
    call_command("seed_posts", "--count", "2", "--users", "2")
    assert get_user_model().objects.count() == 4
    assert Post.objects.count() == 4


def test_seeded_users_cannot_log_in(db):
    call_command("seed_posts", "--count", "1", "--users", "1")
    assert not get_user_model().objects.get().has_usable_password()


@pytest.mark.parametrize("args", [["--count", "-1"], ["--count", "1", "--users", "0"]])
def test_seed_posts_refuses_nonsense(db, args):
    with pytest.raises(CommandError):
        call_command("seed_posts", *args)
