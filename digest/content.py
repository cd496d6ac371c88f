"""`content/` → `[Article]`: Markdown files with YAML front matter, validated; every error is collected."""
from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import os
import re
from collections.abc import Callable, MutableMapping
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from digest.errors import DigestError, SourceError
from digest.frontmatter import read_plain, yaml_error
from digest.slugs import to_slug, unique_slug


@dataclass(frozen=True)
class Correction:
    """A 更正 printed under an article's head: the day it was made and what it says."""

    date: dt.date
    text: str


@dataclass(frozen=True)
class Article:
    """One article as the rest of the build sees it; `path` is relative to the content folder."""

    path: str
    title: str
    body: str
    kicker: str | None = None
    subtitle: str | None = None
    date: dt.date | None = None
    authors: tuple[str, ...] = ()
    correspondents: tuple[str, ...] = ()
    photographers: tuple[str, ...] = ()
    interns: tuple[str, ...] = ()
    dateline: str | None = None
    # Where the paper printed it: the date, the page as printed (A03, 02), its name, the place on it.
    # Null for a web-only article.
    edition: dt.date | None = None
    page: str | None = None
    page_name: str | None = None
    order: int | None = None
    section: str | None = None
    image: str | None = None  # the lead photo, relative to this file (else the first photo of the body)
    editor: str | None = None  # 责任编辑 (else site.toml's `editor`)
    tags: tuple[str, ...] = ()
    # Who and what the report is about: front matter `people` (persons named in the text, not the credited
    # staff) and `topics`. None when the key is absent (the build may then work them out), () when empty.
    mentions: tuple[str, ...] | None = None
    topics: tuple[str, ...] | None = None
    captions: tuple[str, ...] = ()
    slug: str = ""
    source: str | None = None
    source_index: int | None = None
    draft: bool = False
    updated: dt.date | None = None  # the day of the last substantive change
    corrections: tuple[Correction, ...] = ()  # oldest first

    @property
    def modified(self) -> dt.date | None:
        """The last day the article changed: its latest `updated` or correction, else None."""
        days = [self.updated, *(correction.date for correction in self.corrections)]
        return max((day for day in days if day), default=None)

    @property
    def update_note(self) -> dt.date | None:
        """`updated`, when no correction already shows that day on the page."""
        if self.updated in {correction.date for correction in self.corrections}:
            return None
        return self.updated

    @property
    def day(self) -> dt.date | None:
        """Where the site places the article: the date it reports, else the edition it was printed in."""
        return self.date or self.edition

    @property
    def sort_key(self) -> tuple:
        """Newest day first (undated last), then seed, position in the seed, slug."""
        day = self.day.toordinal() if self.day else 0
        return (-day, self.source or "", self.source_index or 0, self.slug, self.path)


class ContentErrors(DigestError):
    """Every problem found in `content/`, one `path:line: message` per line."""

    def __init__(self, errors: list[SourceError]):
        self.errors = list(errors)
        super().__init__(str(self))

    def __str__(self) -> str:
        # The CLI prints "error: " before the first line; give the others the same prefix.
        return "\nerror: ".join(str(error) for error in self.errors)


_TEXT = ("kicker", "subtitle", "dateline", "page_name", "section", "image", "source", "editor")
_LISTS = ("authors", "correspondents", "photographers", "interns", "tags", "captions")
# Front matter key → Article field, for the lists whose absence means "not given" rather than "none".
_SUBJECTS = {"people": "mentions", "topics": "topics"}
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_KEYS = {"title", "date", "edition", "page", "order", "slug", "source_index", "draft", "updated", "correction",
         *_TEXT, *_LISTS, *_SUBJECTS}
# Characters no HTML page or UTF-8 file can hold: controls (but tab and line ends), unpaired surrogates (YAML's
# "\ud800" escapes make them), noncharacters. Ingest drops them from seeds (digest/ingest/decode.py).
UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")

def _split(path: str, text: str) -> tuple[str, str, int]:
    """(front matter, body, body's first line) of a file that starts with a `---` line."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip() != "---":
        raise SourceError(path, 1, "missing front matter: the first line must be '---'")
    for number, line in enumerate(lines[1:], start=2):
        if line.rstrip() == "---":
            return "".join(lines[1 : number - 1]), "".join(lines[number:]), number + 1
    raise SourceError(path, 1, "front matter is not closed by a '---' line")


# libyaml parses front matter about ten times faster; whenever it fails, the pure-Python loader parses again so
# that every error message is PyYAML's own, whichever loader is installed.
_FAST_LOADER = getattr(yaml, "CSafeLoader", None)


def _parse(path: str, raw: bytes) -> tuple[dict, dict[str, int], str, int, int, bool]:
    """Front matter values, the line of each key, the body, its first line, where it starts in the text, and
    whether the fast reader read the values (then they hold no character a page cannot: see `read_plain`)."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SourceError(path, 1, f"not UTF-8: {error.reason}") from None
    front, body, body_line = _split(path, text)
    data, lines = read_plain(front) or (None, None)
    plain = data is not None
    if data is None and _FAST_LOADER is not None:
        with contextlib.suppress(SourceError, yaml.YAMLError):
            data, lines = _front_matter(path, front, _FAST_LOADER)
    if data is None or lines is None:
        data, lines = _front_matter(path, front, yaml.SafeLoader)
    return data, lines, body, body_line, len(text) - len(body), plain  # the body is the text's end (`_split`)


def _front_matter(path: str, front: str, loader_class: type) -> tuple[dict, dict[str, int]]:
    """The front matter mapping and the line of each key; SourceError for anything that is not a clean mapping."""
    try:
        loader = loader_class(front)
    except yaml.reader.ReaderError as error:  # a character YAML does not allow, found before parsing starts
        line = front.count("\n", 0, error.position) + 2
        point = ord(error.character) if isinstance(error.character, str) else error.character
        raise SourceError(path, line, f"invalid YAML: the character U+{point:04X} is not allowed") from None
    try:
        node = loader.get_single_node()
        if not isinstance(node, yaml.MappingNode):
            raise yaml_error(path, front, 2, "front matter must be a mapping of keys to values")
        data: dict = {}
        lines: dict[str, int] = {}
        for key_node, value_node in node.value:
            name = loader.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 2
            if name in data:
                raise SourceError(path, line, f"duplicate key '{name}'")
            try:
                data[name] = loader.construct_object(value_node, deep=True)
            except (ValueError, TypeError) as error:
                raise SourceError(path, value_node.start_mark.line + 2, f"invalid value for '{name}': {error}") \
                    from None
            if isinstance(name, str):
                lines[name] = line
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 2 if mark else 2
        raise yaml_error(path, front, line, f"invalid YAML: {error.problem or error.context}") from None
    finally:
        loader.dispose()
    return data, lines


def _type_name(value: object) -> str:
    """A reader's name for a YAML value's type."""
    names = {str: "string", bool: "boolean", int: "integer", float: "number", list: "list", dict: "mapping"}
    if value is None:
        return "null"
    if isinstance(value, dt.datetime):
        return "date and time"
    return names.get(type(value), type(value).__name__)


def _validate(path: str, data: dict, lines: dict[str, int], body: str, writable: bool = False) \
        -> tuple[Article | None, list]:
    """An Article from front matter, or the list of everything wrong with it; `writable` when no value can
    hold a character a page cannot (the fast reader's values: it sends any such character to PyYAML)."""
    errors: list[SourceError] = []

    unwritable: set[str] = set()  # keys already reported for a character no page can hold: one error each

    def fail(key: str, message: str) -> None:
        if key not in unwritable:
            errors.append(SourceError(path, lines.get(key, 1), message))

    values: dict = {}
    for key in data:
        if not isinstance(key, str) or key not in _KEYS:
            fail(str(key), f"unknown key '{key}'")
        elif not writable and (bad := _unwritable(data[key])) is not None:
            fail(key, f"'{key}' contains {bad}, which no web page can hold")
            unwritable.add(key)
    title = data.get("title")
    if "title" not in data:
        fail("title", "missing required key 'title'")
    elif not isinstance(title, str) or not title.strip():
        fail("title", f"'title' must be a non-empty string, not {_type_name(title)}")
    else:
        values["title"] = title.strip()
    for key in _TEXT:
        value = data.get(key)
        if value is not None and not isinstance(value, str):
            fail(key, f"'{key}' must be a string or null, not {_type_name(value)}")
        elif value is not None and value.strip():
            values[key] = value.strip()
    for key in _LISTS:
        value = data.get(key)
        if value is None:
            continue
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            fail(key, f"'{key}' must be a list of strings, not {_describe_list(value)}")
        else:
            values[key] = tuple(item.strip() for item in value if item.strip())
    for key, field in _SUBJECTS.items():
        value = data.get(key)
        if value is None:  # absent or null: not given, unlike [] (none)
            continue
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            fail(key, f"'{key}' must be a list of strings, not {_describe_list(value)}")
        else:
            # Each name or word once, in the order given (an editor's order: first mention first).
            values[field] = tuple(dict.fromkeys(item.strip() for item in value if item.strip()))
    for key in ("date", "edition", "updated"):
        day = data.get(key)
        if day is not None and (isinstance(day, dt.datetime) or not isinstance(day, dt.date)):
            fail(key, f"'{key}' must be a date such as 2021-01-15, or null, not {_type_name(day)}")
        elif day is not None:
            values[key] = day
    page = data.get("page")
    if page is not None and (type(page) is not int or page < 1) and (not isinstance(page, str) or not page.strip()):
        fail("page", f"'page' must be a page label such as A03 or 2, or null, not {_type_name(page)}")
    elif page is not None:
        values["page"] = str(page).strip()
    slug = data.get("slug")
    if slug is not None and (not isinstance(slug, str) or not _SLUG.fullmatch(slug)):
        fail("slug", f"'slug' must be lowercase ASCII letters, digits and hyphens, not {slug!r}")
    elif slug:
        values["slug"] = slug
    for key in ("order", "source_index"):
        number = data.get(key)
        if number is not None and (type(number) is not int or number < 1):
            shown = number if type(number) is int else _type_name(number)
            fail(key, f"'{key}' must be a positive integer, not {shown}")
        elif number is not None:
            values[key] = number
    draft = data.get("draft")
    if draft is not None and type(draft) is not bool:
        fail("draft", f"'draft' must be true or false, not {_type_name(draft)}")
    elif draft is not None:
        values["draft"] = draft
    corrections = _corrections(data, values.get("updated"), fail)
    if corrections:
        values["corrections"] = corrections
    _check_not_before(values, fail)
    if errors:
        return None, sorted(errors, key=lambda error: error.line or 0)
    return Article(path=path, body=body, **values), []


def _corrections(data: dict, updated: dt.date | None, fail: Callable[[str, str], None]) -> tuple[Correction, ...]:
    """The `correction` key as Corrections, oldest first: one text (dated by `updated`) or a list of
    `{date, text}`; each problem goes to `fail`."""
    value = data.get("correction")
    if value is None or (isinstance(value, str) and not value.strip()):
        return ()
    if isinstance(value, str):
        if updated is None and data.get("updated") is None:  # (a wrong `updated` has its own error)
            # A 更正 is printed with its date; without one the reader cannot tell which version was wrong.
            fail("correction", "'correction' as one text needs 'updated', its date "
                               "(or write a list such as [{date: 2021-01-20, text: ...}])")
            return ()
        return (Correction(updated, value.strip()),) if updated else ()
    if not isinstance(value, list) or not value:
        fail("correction", f"'correction' must be a text or a list of {{date, text}}, not {_type_name(value)}")
        return ()
    found = [_correction_item(number, item, fail) for number, item in enumerate(value, start=1)]
    return tuple(sorted((item for item in found if item), key=lambda item: item.date))


def _correction_item(number: int, item: object, fail: Callable[[str, str], None]) -> Correction | None:
    """Item `number` (from 1) of a `correction` list, or None after reporting what is wrong with it."""
    where = f"'correction' item {number}"
    if not isinstance(item, dict):
        fail("correction", f"{where} must be a mapping such as {{date: 2021-01-20, text: ...}}, not {_type_name(item)}")
        return None
    unknown = sorted(str(key) for key in item if key not in ("date", "text"))
    day, text = item.get("date"), item.get("text")
    if unknown:
        fail("correction", f"{where}: unknown key '{unknown[0]}' (a correction has 'date' and 'text')")
    elif isinstance(day, dt.datetime) or not isinstance(day, dt.date):
        fail("correction", f"{where}: 'date' must be a date such as 2021-01-20, not {_type_name(day)}")
    elif not isinstance(text, str) or not text.strip():
        shown = "an empty one" if isinstance(text, str) else _type_name(text)
        fail("correction", f"{where}: 'text' must be a non-empty string, not {shown}")
    elif (bad := _unwritable(text)) is not None:  # a list of mappings escapes the check of plain values
        fail("correction", f"{where}: 'text' contains {bad}, which no web page can hold")
    else:
        return Correction(day, text.strip())
    return None


def _check_not_before(values: dict, fail: Callable[[str, str], None]) -> None:
    """An update or correction cannot precede the day the article stands at."""
    day, updated = values.get("date") or values.get("edition"), values.get("updated")
    # A correction dated by `updated` is reported once, as `updated`.
    for key, when in [("updated", updated),
                      *(("correction", item.date) for item in values.get("corrections", ()) if item.date != updated)]:
        if day and when and when < day:
            fail(key, f"'{key}' date {when} is before the article's date {day}")


def _unwritable(value: object) -> str | None:
    """`U+D800 (an unpaired surrogate)` for the first unwritable character of a string or list of strings."""
    for text in value if isinstance(value, list) else [value]:
        found = UNWRITABLE.search(text) if isinstance(text, str) else None
        if found:
            point = ord(found.group())
            kind = "an unpaired surrogate" if 0xD800 <= point <= 0xDFFF else \
                "a noncharacter" if point >= 0xFFFE else "a control character"
            return f"U+{point:04X} ({kind})"
    return None


def _body_problem(path: str, body: str, first_line: int) -> SourceError | None:
    """An error at the line of the body's first unwritable character, if it has one."""
    found = UNWRITABLE.search(body)
    if found is None:
        return None
    line = first_line + body.count("\n", 0, found.start())
    return SourceError(path, line, f"the text contains {_unwritable(found.group())}, which no web page can hold")


def read_article(shown: str, raw: bytes) -> tuple[Article | None, list[SourceError], int]:
    """One content file's bytes → (Article or None, every problem with its line, the line of its slug)."""
    article, problems, slug_line, _ = _read(shown, raw)
    return article, problems, slug_line


def _read(shown: str, raw: bytes) -> tuple[Article | None, list[SourceError], int, int]:
    """`read_article`, and where the body starts in the decoded text (what the memo keeps: no second decode)."""
    try:
        data, lines, body, body_line, start, plain = _parse(shown, raw)
    except SourceError as error:
        return None, [error], 1, 0
    article, problems = _validate(shown, data, lines, body, writable=plain)
    if (problem := _body_problem(shown, body, body_line)) is not None:
        article, problems = None, [*problems, problem]
    return article, problems, lines.get("slug", 1), start


def _describe_list(value: object) -> str:
    """`a list containing an integer`, or the value's type when it is not a list."""
    if isinstance(value, list):
        bad = next(item for item in value if not isinstance(item, str))
        return f"a list containing {'an' if _type_name(bad)[0] in 'aeiou' else 'a'} {_type_name(bad)}"
    return _type_name(value)


def _assign_slugs(articles: list[Article], lines: dict[str, int],
                  slug_of: Callable[[str], str] = to_slug) -> tuple[list[Article], list]:
    """Give articles without a slug one from their title; two articles may not share a URL."""
    errors: list[SourceError] = []
    owners: dict[tuple, Article] = {}
    for article in articles:
        if article.slug:
            key = (article.day, article.slug)
            if key in owners:
                other = owners[key].path
                message = f"slug '{article.slug}' is already used by {other} on the same date"
                errors.append(SourceError(article.path, lines[article.path], message))
            else:
                owners[key] = article
    result = []
    for article in articles:
        if not article.slug:
            taken = {slug for (day, slug) in owners if day == article.day}
            slug = unique_slug(slug_of(article.title), taken)
            article = replace(article, slug=slug)
            owners[(article.day, slug)] = article
        result.append(article)
    return result, errors


def shown_prefix(directory: str | Path) -> str:
    """What load_content puts before a file's relative name in its path: `content/`, or `` for `.`."""
    return str(Path(directory) / "x")[:-1]


def content_files(root: str | Path, suffixes: tuple[str, ...] = (".md",)) -> list[str]:
    """Every `*.md` (or file with one of `suffixes`) under `root`, relative and `/`-separated, in sorted order,
    skipping dotfiles and dot-folders."""
    found: list[str] = []
    folders = [("", str(root))]
    while folders:
        prefix, folder = folders.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                if entry.is_dir():
                    folders.append((prefix + entry.name + "/", entry.path))
                elif entry.name.lower().endswith(suffixes) and entry.is_file():
                    found.append(prefix + entry.name)
    found.sort(key=lambda relative: relative.split("/"))  # the order of sorted Paths
    return found


def load_content(directory: str | Path, drafts: bool = True, memo: MutableMapping | None = None,
                 slug_of: Callable[[str], str] = to_slug,
                 known_digest: Callable[[str], bytes | None] = lambda _: None) -> list[Article]:
    """Every article under `directory`, validated and sorted; ContentErrors lists all problems.

    `memo` (the build's store) keeps each valid file's front matter between builds, keyed by its bytes' hash;
    `slug_of` makes the slugs of articles that have none; `known_digest(path)` is a file's hash when the build
    already took it (from its stat), so that it is not taken again.
    """
    root = Path(directory)
    if not root.is_dir():
        raise SourceError(f"{root}/", None, "no such folder")
    memo = {} if memo is None else memo
    articles: list[Article] = []
    errors: list[SourceError] = []
    slug_lines: dict[str, int] = {}
    prefix = shown_prefix(root)
    for relative in content_files(root):
        shown = prefix + relative
        path = os.path.join(root, relative)
        with open(path, "rb") as handle:
            raw = handle.read()
        key = known_digest(path) or hashlib.sha256(raw).digest()
        known = memo.get(key)
        if known is not None:
            values, slug_line, offset = known
            articles.append(Article(path=shown, body=raw.decode("utf-8-sig")[offset:],
                                    **dict(zip(_KEPT_FIELDS, values, strict=True))))
            slug_lines[shown] = slug_line
            continue
        article, problems, slug_line, start = _read(shown, raw)
        errors.extend(problems)
        if article is not None:
            articles.append(article)
            slug_lines[shown] = slug_line
            values = tuple(getattr(article, name) for name in _KEPT_FIELDS)  # a dict each was 4 MB at 10k
            memo[key] = (values, slug_line, start)
    articles, problems = _assign_slugs(articles, slug_lines, slug_of)
    errors.extend(problems)
    if errors:
        raise ContentErrors(errors)
    if not drafts:
        articles = [article for article in articles if not article.draft]
    return sorted(articles, key=lambda article: article.sort_key)


_FIELDS = tuple(field.name for field in dataclasses.fields(Article))
_KEPT_FIELDS = tuple(name for name in _FIELDS if name not in ("path", "body"))  # what the memo keeps, in order
