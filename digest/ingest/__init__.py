"""Ingest: newspaper page dumps (`seeds/*.txt`) → one Markdown file per article in `content/`."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

import yaml

from digest.errors import DigestError, SourceError
from digest.files import write_atomically
from digest.ingest.bylines import Credits, parse_byline, photo_credit
from digest.ingest.decode import decode_seed
from digest.ingest.markdown import article_file, front_matter
from digest.ingest.model import ParsedArticle
from digest.ingest.options import load_seed_options
from digest.ingest.parse import ParsedSeed, SeedOptions, parse_seed
from digest.ingest.proposals import fingerprint, propose
from digest.ingest.report import ArticleReport, IngestReport, SeedReport
from digest.ingest.store import Store
from digest.slugs import to_slug, unique_slug

__all__ = ["content_file", "ingest", "seed_paths"]


def seed_paths(seeds_dir: Path) -> list[Path]:
    """The seed files of a folder, sorted by name."""
    if not seeds_dir.is_dir():
        raise DigestError(f"{seeds_dir}: no such folder of seeds")
    return sorted(p for p in seeds_dir.iterdir() if p.is_file() and p.suffix.lower() == ".txt")


def content_file(day: dt.date | None, slug: str) -> str:
    """An article's file in content/, by the day the site places it on: `2021/01/16/<slug>.md`, or
    `undated/<slug>.md`."""
    return f"{day:%Y/%m/%d}/{slug}.md" if day else f"undated/{slug}.md"


def _relative_path(article: ParsedArticle, slug: str) -> str:
    return content_file(article.date or article.edition, slug)  # where the site places it (DESIGN §2, Time)


def _slug_for(store: Store, key: str, article: ParsedArticle) -> str:
    known = store.known_slug(key)
    if known:
        return known
    slug = unique_slug(to_slug(article.title), store.taken)
    store.taken.add(slug)
    return slug


def _front(data: bytes) -> dict:
    """The front matter of an article file's bytes; empty when it cannot be read."""
    try:
        front = data.decode("utf-8").split("\n---\n", 1)[0].removeprefix("---\n")
        values = yaml.safe_load(front)
    except (UnicodeDecodeError, yaml.YAMLError):
        return {}
    return values if isinstance(values, dict) else {}


def _shown(value: object) -> str:
    """A front matter value as the file writes it: `[王新亭, 张朝辉]` for a list."""
    return f"[{', '.join(map(str, value))}]" if isinstance(value, list) else str(value)


def _keys_it_would_get(path: Path, data: bytes) -> str:
    """`; ingest would add edition: 2021-03-10, page: 03`: the keys an edited file lacks, left for a person."""
    kept = _front(path.read_bytes())
    missing = {key: value for key, value in _front(data).items() if key not in kept and value is not None}
    if not kept or not missing:
        return ""
    return "; ingest would add " + ", ".join(f"{key}: {_shown(value)}" for key, value in missing.items())


def _edited_warning(store: Store, current_rel: str, rel: str, data: bytes) -> str:
    """The warning for a file kept because a person edited it; names the file that exists."""
    path = store.root / current_rel
    moved = "" if current_rel == rel else f"; its place is now {store.root / rel}"
    return f"{path}: edited by hand since the last ingest; kept (ingest --force regenerates it){moved}" \
        + _keys_it_would_get(path, data)


def _remove(store: Store, rel: str) -> None:
    """Delete an article file that moved, and the folders it leaves empty (an empty `undated/` helps no one)."""
    path = store.root / rel
    path.unlink()
    for folder in path.parents:
        if folder == store.root or not folder.is_relative_to(store.root) or any(folder.iterdir()):
            break
        folder.rmdir()


def _replace(store: Store, key: str, where: tuple[str, str], slug: str, data: bytes, lists: dict) -> None:
    """Write ingest's version of `key` where it belongs, removing its old file when it moved."""
    current_rel, rel = where
    if current_rel != rel:
        _remove(store, current_rel)
    write_atomically(store.root / rel, data)
    store.record(key, rel, slug, data, lists)


def _current_file(store: Store, key: str, rel: str) -> str:
    """Where the article `key` is now: where ingest last wrote it, if that file is still there, else `rel`."""
    known = store.known_path(key)
    return known if known and (store.root / known).exists() else rel


def _corrections(store: Store, key: str, current_rel: str, proposed: dict) -> dict:
    """The lists (`people`, `topics`) an editor corrected in the article's file: those that differ from what ingest
    proposed when it wrote them. They are written again, whatever ingest proposes now."""
    path = store.root / current_rel
    if not path.exists() or not store.may_hold_corrections(key, current_rel):
        return {}  # a file exactly as ingest wrote it holds its proposals, not corrections
    current, before = _front(path.read_bytes()), store.proposed(key)
    return {name: current[name] for name in proposed
            if isinstance(current.get(name), list) and current[name] != before.get(name, proposed[name])}


def _write_article(store: Store, key: str, where: tuple[str, str], slug: str, data: bytes, force: bool,
                   accept: set[str], lists: dict) -> tuple[str, str, str | None]:
    """Write one article's file under the no-overwrite rules; return (status, the file it is in, warning)."""
    current_rel, rel = where  # where the article is now, and where it belongs
    path = store.root / current_rel
    if not path.exists():
        write_atomically(path, data)
        store.record(key, rel, slug, data, lists)
        return "created", rel, None
    current = path.read_bytes()
    if key in accept:
        store.accept(key, current_rel, slug, current, data, lists)
        return "accepted", current_rel, None
    if current_rel == rel and current == data:
        store.record(key, rel, slug, data, lists)
        return "unchanged", rel, None
    if force:
        _replace(store, key, (current_rel, rel), slug, data, lists)
        return "forced", rel, None
    if not store.is_pristine(key, current_rel):
        warning = _edited_warning(store, current_rel, rel, data) if store.first_report(key, current) else None
        return "kept", current_rel, warning
    if store.accepted_as_is(key, data):  # an accepted edit, and the seed still gives what it gave then
        return "unchanged", current_rel, None
    _replace(store, key, (current_rel, rel), slug, data, lists)
    return "updated", rel, None


def _photo_folder(seed: Path) -> Path:
    """Where a seed's photos are: a folder beside it with its name (`seeds/0116_A03/` for `seeds/0116_A03.txt`)."""
    return seed.with_suffix("")


def _bring_photos(article: ParsedArticle, seed: Path, target: Path, warnings: list[str]) -> None:
    """Copy the photos an article places from the seed's folder into a folder beside its file named by its
    slug (two stories of a day may each have a `park.jpg`); never over a file a person changed. A photo the
    folder lacks leaves its caption in `captions`, with a warning."""
    kept = []
    for paragraph in article.paragraphs:
        if paragraph.kind != "img":
            kept.append(paragraph)
            continue
        source = _photo_folder(seed) / paragraph.src
        if ".." in Path(paragraph.src).parts or not source.is_file():
            warnings.append(f"{seed}:{paragraph.line}: photo '{paragraph.src}' is not in {_photo_folder(seed)}; "
                            "its caption is kept in captions")
            article.captions.append(paragraph.text)
            continue
        kept.append(replace(paragraph, src=f"{target.name}/{paragraph.src}"))
        destination = target / paragraph.src
        data = source.read_bytes()
        if not destination.exists():
            write_atomically(destination, data)
        elif destination.read_bytes() != data:
            warnings.append(f"{destination}: differs from {source}; kept (a person may have replaced it)")
    article.paragraphs = kept


def _write_seed(store: Store, seed: Path, parsed: ParsedSeed, options: SeedOptions, force: bool,
                seed_report: SeedReport, accept: set[str]) -> None:
    name = seed.name
    for index, article in enumerate(parsed.articles, start=1):
        key = f"{name}#{index}"
        slug = _slug_for(store, key, article)
        rel = _relative_path(article, slug)
        _bring_photos(article, seed, store.root / rel.removesuffix(".md"), seed_report.warnings)
        read_from = fingerprint(article)
        proposed = store.proposals_read_from(key, read_from) or propose(article)  # read again only when changed
        values = front_matter(article, slug, name, index, options.section, options.tags, proposed)
        current_rel = _current_file(store, key, rel)
        corrected = _corrections(store, key, current_rel, proposed)
        values.update(corrected)
        lists = {"proposed": proposed, "read_from": read_from}
        if corrected:
            lists["corrected"] = sorted(corrected)
        data = article_file(values, article).encode("utf-8")
        status, where, warning = _write_article(store, key, (current_rel, rel), slug, data, force, accept, lists)
        if warning:
            seed_report.warnings.append(warning)
        seed_report.articles.append(_article_report(index, article, where, slug, status))


def _credit_sources(article: ParsedArticle) -> list[dict]:
    """Each byline and photo credit of an article: its text, line, place, and the people it credits."""
    sources = []
    for byline in [*article.bylines, *article.photo_credits]:
        credits = Credits()
        if byline in article.photo_credits:
            for name in photo_credit(byline.text):
                credits.add("photographers", name)
        else:
            parse_byline(byline.text, credits)
        people = {role: names for role, names in vars(credits).items() if names}
        sources.append({"text": byline.text, "line": byline.line, "where": byline.where, "credits": people})
    return sources


def _article_report(index: int, article: ParsedArticle, rel: str, slug: str, status: str) -> ArticleReport:
    dateline = f"«{article.dateline}» on line {article.dateline_line}" if article.dateline else None
    return ArticleReport(
        index, article.title, rel, slug, status, article.date.isoformat() if article.date else None,
        [byline.text for byline in article.bylines], date_source=article.date_source, dateline=dateline,
        credits=_credit_sources(article), title_from_text=article.title_from_text,
        edition=article.edition.isoformat() if article.edition else None, page=article.page,
        page_name=article.page_name, page_source=article.page_source, order=article.order,
    )


def _year_warning(path: Path, parsed: ParsedSeed) -> list[str]:
    """When the issue year is a guess that dates articles, propose the `seeds.toml` line that settles it."""
    guessed = parsed.year_guessed_on is not None
    relied_on = any(a.partial_date and a.partial_date.year is None for a in parsed.articles)
    if not (guessed and relied_on):
        return []
    cue = parsed.year_source.removeprefix("guessed: ")
    return [f"{path}:{parsed.year_guessed_on}: the year {parsed.year} is a guess: {cue}; to settle it, give "
            f"{path.parent / 'seeds.toml'} a table [\"{path.name}\"] with year = {parsed.year} (or the issue's date)"]


def _seed_report(path: Path, parsed: ParsedSeed) -> SeedReport:
    report = SeedReport(
        source=path.name,
        issue_date=parsed.issue_date.isoformat() if parsed.issue_date else None,
        year=parsed.year,
        year_source=parsed.year_source,
        edition_source=parsed.edition_source,
    )
    report.joins = [
        {"line": j.line, "next_line": j.next_line, "left": j.left, "right": j.right} for j in parsed.joins
    ]
    report.furniture = [{"line": f.line, "kind": f.kind, "text": f.text} for f in parsed.furniture]
    report.warnings = [f"{path}:{line}: {msg}" if line else f"{path}: {msg}" for line, msg in parsed.warnings]
    report.warnings += _year_warning(path, parsed)
    return report


def _accepted(store: Store, content_dir: Path, paths: Iterable[Path]) -> dict[str, Path]:
    """The articles (`seed#index` → file) that `ingest --accept PATH` names; an error for any other file."""
    accepted = {}
    for path in map(Path, paths):
        if not path.is_file():
            raise DigestError(f"{path}: no such file; nothing to accept")
        try:
            rel = path.resolve().relative_to(content_dir.resolve()).as_posix()
        except ValueError:
            raise DigestError(f"{path}: not in {content_dir}; nothing to accept") from None
        key = store.key_at(rel)
        if key is None:
            raise DigestError(f"{path}: no ingested article is recorded at this file; nothing to accept")
        accepted[key] = path
    return accepted


def _not_accepted(report: IngestReport, accepted: dict[str, Path]) -> list[str]:
    """A warning for each file to accept whose article this run did not reach (its seed skipped or gone)."""
    done = {f"{seed.source}#{a.index}" for seed in report.seeds for a in seed.articles if a.status == "accepted"}
    return [f"{path}: its seed {key.rsplit('#', 1)[0]} gave no such article this run; not accepted"
            for key, path in sorted(accepted.items()) if key not in done]


def ingest(seeds_dir: Path, content_dir: Path, force: bool = False, accept: Iterable[Path] = ()) -> IngestReport:
    """Ingest every seed of `seeds_dir` into `content_dir`; a bad seed is reported and the others go on.

    `accept` names hand-edited files to adopt as ingest's own again (see Store.accept).
    """
    seeds_dir, content_dir = Path(seeds_dir), Path(content_dir)
    options = load_seed_options(seeds_dir)
    report = IngestReport()
    store = Store.open(content_dir)
    accepted = _accepted(store, content_dir, accept)
    for path in seed_paths(seeds_dir):
        try:
            parsed = parse_seed(decode_seed(path), options.get(path.name, SeedOptions()), path.name)
        except SourceError as error:
            report.seeds.append(SeedReport(source=path.name, error=str(error)))
            continue
        seed_report = _seed_report(path, parsed)
        _write_seed(store, path, parsed, options.get(path.name, SeedOptions()), force, seed_report, set(accepted))
        report.seeds.append(seed_report)
    unknown = sorted(set(options) - {p.name for p in seed_paths(seeds_dir)})
    report.warnings += [f"{seeds_dir / 'seeds.toml'}: no seed named '{name}'" for name in unknown]
    report.warnings += _not_accepted(report, accepted)
    store.save()
    return report
