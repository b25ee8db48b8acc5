"""Every relative link of every Markdown file leads to a file of the repository, anchors included.

The README and docs/ must stand on their own: a link out of the checkout (`../shared/...`) or to
a file or heading that is not there fails here.
"""

import re
import unicodedata
from pathlib import Path
from urllib.parse import unquote

import pytest

ROOT = Path(__file__).resolve().parents[2]
SKIPPED_DIRS = {".git", ".venv", "node_modules", ".cache", ".pytest_cache", ".ruff_cache", "staticfiles"}
FENCE = re.compile(r"^\s*(```|~~~)")
# [text](target "title") and ![alt](target), and reference definitions: [name]: target
INLINE_LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+.*)?$")
HTML_LINK = re.compile(r"<a\s[^>]*href=\"([^\"]+)\"", re.IGNORECASE)
CODE_SPAN = re.compile(r"`+[^`]*`+")
HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")


def markdown_files():
    for path in sorted(ROOT.rglob("*.md")):
        if not SKIPPED_DIRS.intersection(path.relative_to(ROOT).parts):
            yield path


def prose_lines(path):
    """(line number, text) of the lines outside fenced code blocks."""
    fenced = False
    for number, line in enumerate(path.read_text().splitlines(), 1):
        if FENCE.match(line):
            fenced = not fenced
            continue
        if not fenced:
            yield number, line


def links(path):
    for number, line in prose_lines(path):
        text = CODE_SPAN.sub("", line)
        for pattern in (INLINE_LINK, HTML_LINK):
            for match in pattern.finditer(text):
                yield number, match.group(1)
        reference = REFERENCE.match(text)
        if reference:
            yield number, reference.group(1)


def slug(heading):
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens."""
    text = re.sub(r"<[^>]+>", "", heading)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = text.lower()
    text = "".join(c for c in text if c in " -_" or unicodedata.category(c)[0] in "LN")
    return text.replace(" ", "-")


def anchors(path):
    seen = {}
    result = set()
    for _, line in prose_lines(path):
        match = HEADING.match(line)
        if not match:
            continue
        base = slug(match.group(2))
        count = seen.get(base, 0)
        seen[base] = count + 1
        result.add(base if count == 0 else f"{base}-{count}")
    return result


def broken_links(path):
    for number, target in links(path):
        if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.IGNORECASE):
            continue  # https:, mailto: ...: not a file of the repository
        file_part, _, anchor = target.partition("#")
        resolved = (path.parent / unquote(file_part)).resolve() if file_part else path
        where = f"{path.relative_to(ROOT)}:{number}: {target}"
        if not resolved.is_relative_to(ROOT):
            yield f"{where} leads out of the repository"
        elif not resolved.exists():
            yield f"{where}: no such file"
        elif anchor and resolved.suffix == ".md" and unquote(anchor) not in anchors(resolved):
            yield f"{where}: no heading with this anchor"


def test_the_markdown_files_are_found():
    names = {path.relative_to(ROOT).as_posix() for path in markdown_files()}
    assert {"README.md", "docs/README.md"} <= names


@pytest.mark.parametrize("path", list(markdown_files()), ids=lambda path: path.relative_to(ROOT).as_posix())
def test_every_relative_link_leads_to_a_file_and_heading_of_the_repository(path):
    assert list(broken_links(path)) == []


@pytest.mark.parametrize(
    ("heading", "anchor"),
    [
        ("What this setup fixes", "what-this-setup-fixes"),
        ("Scheduled jobs: clear_expired_keys", "scheduled-jobs-clear_expired_keys"),
        ("The load balancer, and why HAProxy", "the-load-balancer-and-why-haproxy"),
        ("POST `registration/verify-email/`", "post-registrationverify-email"),
        ("GET, PUT, PATCH `user/`", "get-put-patch-user"),
    ],
)
def test_anchors_are_githubs(heading, anchor):
    assert slug(heading) == anchor


def test_a_link_out_of_the_repository_or_to_a_missing_anchor_is_reported(tmp_path, monkeypatch):
    page = ROOT / "docs" / "README.md"
    monkeypatch.setattr(
        Path, "read_text", lambda self, *a, **k: "# Top\n[a](../../shared/x.md) [b](#nope) [c](#top)\n"
    )
    assert [problem.split(": ", 1)[1] for problem in broken_links(page)] == [
        "../../shared/x.md leads out of the repository",
        "#nope: no heading with this anchor",
    ]
