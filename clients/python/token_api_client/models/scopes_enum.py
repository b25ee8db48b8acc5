from enum import StrEnum


class ScopesEnum(StrEnum):
    POSTSREAD = "posts:read"
    POSTSWRITE = "posts:write"

    def __str__(self) -> str:
        return str(self.value)
