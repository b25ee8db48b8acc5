"""Log lines as production writes them: the JSON formatter and the request filter of apps.core.logs."""

import io
import json
import logging
from contextlib import contextmanager

from apps.core.logs import RequestContextFilter, json_formatter


class CapturedLogs:
    def __init__(self, stream):
        self._stream = stream

    @property
    def text(self) -> str:
        return self._stream.getvalue()

    def lines(self, **matching) -> list[dict]:
        """Every line parsed (each must be one JSON object), or those whose fields match."""
        parsed = [json.loads(line) for line in self.text.splitlines()]
        return [line for line in parsed if all(line.get(k) == v for k, v in matching.items())]


@contextmanager
def json_logs(level=logging.DEBUG):
    """Everything logged inside the block at `level` and up, from the root logger and Django's."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(json_formatter())
    handler.addFilter(RequestContextFilter())
    root, django = logging.getLogger(), logging.getLogger("django")
    levels = root.level, django.level
    root.addHandler(handler)
    root.setLevel(level)
    django.setLevel(level)
    try:
        yield CapturedLogs(stream)
    finally:
        root.removeHandler(handler)
        root.setLevel(levels[0])
        django.setLevel(levels[1])
