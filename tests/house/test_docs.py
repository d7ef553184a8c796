"""The documentation stays true to the repository: every relative link in README.md and
docs/*.md names a file that exists, no link (and no mention) leads outside the
repository, and every repository path docs/architecture.md writes in backticks exists."""

import re
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR).resolve()
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
ARCHITECTURE = ROOT / "docs" / "architecture.md"

# [text](target) and [text]: target; the target ends at a space, a closing bracket or a #.
INLINE_LINK = re.compile(r"\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
REFERENCE_LINK = re.compile(r"^\s*\[[^\]]+\]:\s*(\S+)", re.MULTILINE)
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)
FENCE = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)
BACKTICKED = re.compile(r"`([^`\n]+)`")
OUTSIDE = re.compile(r"\.\./shared|/work/")


def relative(path: Path) -> str:
    return str(path.relative_to(ROOT))


def links(text: str) -> list[str]:
    prose = FENCE.sub("", text)
    return INLINE_LINK.findall(prose) + REFERENCE_LINK.findall(prose)


def link_problem(page: Path, target: str) -> str | None:
    """Why the link is broken, or None when it leads to a file of the repository."""
    if EXTERNAL.match(target) or target.startswith("#"):
        return None  # a web address or an anchor on the same page
    if target.startswith("/"):
        return "an absolute path leads outside the repository"
    path = target.split("#", 1)[0].split("?", 1)[0]
    resolved = (page.parent / path).resolve()
    if not resolved.is_relative_to(ROOT):
        return "leads outside the repository"
    if not resolved.exists():
        return "names no file of the repository"
    return None


@pytest.mark.parametrize("page", PAGES, ids=relative)
def test_every_relative_link_names_a_file_of_the_repository(page):
    broken = [
        f"{target}: {problem}"
        for target in links(page.read_text(encoding="utf-8"))
        if (problem := link_problem(page, target))
    ]
    assert not broken, f"{relative(page)}: " + "; ".join(broken)


@pytest.mark.parametrize("page", PAGES, ids=relative)
def test_no_page_points_outside_the_repository(page):
    found = [
        f"line {number}: {line.strip()}"
        for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), start=1)
        if OUTSIDE.search(line)
    ]
    assert not found, f"{relative(page)} names paths outside the repository: " + "; ".join(found)


def top_level_directories() -> set[str]:
    return {path.name for path in ROOT.iterdir() if path.is_dir() and path.name != ".venv"}


def repository_paths(text: str) -> list[str]:
    """Backticked words that look like a path of the repository: with a slash or ending
    in .py, and starting with one of its top-level folders. A path with a placeholder
    (``<app>/demo/``) or a glob (``docs/*.md``) is a pattern, not a path, and is left out."""
    tops = top_level_directories()
    found = []
    for word in BACKTICKED.findall(text):
        word = word.strip()
        if " " in word or not ("/" in word or word.endswith(".py")):
            continue
        if any(mark in word for mark in "<>*…"):
            continue
        if word.split("/", 1)[0] in tops:
            found.append(word)
    return found


def test_architecture_names_some_paths():
    assert len(repository_paths(ARCHITECTURE.read_text(encoding="utf-8"))) > 100


@pytest.mark.parametrize(
    "path", sorted(set(repository_paths(ARCHITECTURE.read_text(encoding="utf-8")))) or ["-"]
)
def test_every_path_the_architecture_names_exists(path):
    assert (ROOT / path.rstrip("/")).exists(), f"docs/architecture.md names {path}, which is gone"


def test_the_link_check_catches_a_broken_link_and_one_leaving_the_repository():
    page = ROOT / "docs" / "architecture.md"
    assert link_problem(page, "operations.md") is None
    assert link_problem(page, "https://import-linter.readthedocs.io/") is None
    assert link_problem(page, "no-such-page.md") == "names no file of the repository"
    assert link_problem(page, "../../shared/DESIGN.md") == "leads outside the repository"
    assert link_problem(page, "/work/main/README.md").startswith("an absolute path")
    assert links("see [the spec](../spec.md) and\n```\n[not](a-link.md)\n```\n") == ["../spec.md"]
