"""The last build's model on disk (`.dist.cache/model/`), so that `build` in a new process can write a text
edit at once (digest/quick.py) instead of reading, modelling and keying every article again.

After each whole build the model is kept here: the lists as story numbers (`head.pickle`), and every story
pickled on its own (its article's text dropped; its HTML kept) in shards of SHARD consecutive numbers. A quick
build loads the head, unpickles only the stories that the edited article's pages show, and writes back the
head and the shards it changed. The head names the build the model is of (`inputs`, digest/cache.py's
input_key): the model is used only when dist/ holds exactly that build.
"""
from __future__ import annotations

import contextlib
import os
import pickle
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from digest.cache import ContentFiles
from digest.model import Group, Site, Story

VERSION = 1
SHARD = 256  # stories per file: an edit rewrites the file of each story it changed

# A list as stored: (name, path, story numbers, note, its parts)
_Shape = tuple[str, str, tuple[int, ...], str, tuple]


@dataclass(frozen=True)
class Head:
    """What the model is of, and its lists by story number."""

    version: int
    code: str  # the generator's code_version: a model pickled by other code is not read
    inputs: str  # input_key of the build: dist/ must hold it
    base: str  # the part of input_key that is not the content files
    files: ContentFiles  # every content file (relative name) and its SHA-256, in build order
    numbers: dict[str, int]  # content file → its story's number
    count: int  # stories
    lists: tuple[tuple[_Shape, ...], ...]  # people, tags, sections, years
    summary: object  # what the build remembered in the output state (articles, files)
    search: tuple[tuple[str, tuple[int, ...]], ...] = ()  # the search index's shards (name, story numbers)


class Stories(Sequence[Story]):
    """Some of a model's stories, by number, each unpickled when first read."""

    def __init__(self, model: Model, numbers: tuple[int, ...]):
        self._model, self._numbers = model, numbers

    def __len__(self) -> int:
        return len(self._numbers)

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            return [self._model.story(n) for n in self._numbers[index]]
        return self._model.story(self._numbers[index])

    def __iter__(self) -> Iterator[Story]:
        for n in self._numbers:
            yield self._model.story(n)

    def position(self, story: Story) -> int:
        """Where `story` is in this list (render.py's `_position`)."""
        return self._numbers.index(self._model.number(story))


class Model:
    """The site model of the last whole build, read from disk as far as it is used."""

    def __init__(self, folder: Path, head: Head):
        self.folder, self.head = Path(folder), head
        self._shards: dict[int, list[bytes]] = {}
        self._made: dict[int, Story] = {}
        self._numbers: dict[int, int] = {}  # id(story) → number, for the stories this model handed out
        self._dirty: set[int] = set()
        people, tags, sections, years = head.lists
        self.site = Site(Stories(self, tuple(range(head.count))), *(tuple(map(self._group, shapes))  # type: ignore[arg-type]
                                                                     for shapes in (people, tags, sections, years)))

    def _group(self, shape: _Shape) -> Group:
        name, path, numbers, note, children = shape
        return Group(name, path, Stories(self, numbers), note, tuple(map(self._group, children)))  # type: ignore[arg-type]

    def _shard(self, index: int) -> list[bytes]:
        found = self._shards.get(index)
        if found is None:
            with open(self.folder / f"stories.{index:04d}.pickle", "rb") as handle:
                found = self._shards[index] = pickle.load(handle)
        return found

    def story(self, number: int) -> Story:
        """Story `number`, unpickled once."""
        found = self._made.get(number)
        if found is None:
            found = self._made[number] = pickle.loads(self._shard(number // SHARD)[number % SHARD])
            self._numbers[id(found)] = number
        return found

    def number(self, story: Story) -> int:
        """The number of a story this model handed out."""
        return self._numbers[id(story)]

    def story_of(self, name: str) -> Story | None:
        """The story of content file `name` (relative to the content folder), if it has one."""
        number = self.head.numbers.get(name)
        return None if number is None else self.story(number)

    def replace(self, old: Story, new: Story) -> None:
        """Put `new` where `old` is, in every list (an edit that changes nothing lists sort or group by)."""
        number = self.number(old)
        self._made[number] = new
        self._numbers[id(new)] = number
        self._shard(number // SHARD)[number % SHARD] = _pickled(new)
        self._dirty.add(number // SHARD)

    def save(self, inputs: str, files: ContentFiles) -> None:
        """Write the changed shards, then the head naming the build they now make up."""
        for index in sorted(self._dirty):
            _write(self.folder / f"stories.{index:04d}.pickle", self._shards[index])
        self._dirty.clear()
        self.head = replace(self.head, inputs=inputs, files=files)
        _write(self.folder / "head.pickle", self.head)


def _pickled(story: Story) -> bytes:
    """A story as kept: without its article's text (a quick build reads the edited file again)."""
    if story.article.body:  # a whole build has already let the text go (pipeline.py)
        story = replace(story, article=replace(story.article, body=""))
    return pickle.dumps(story, pickle.HIGHEST_PROTOCOL)


def _write(path: Path, value: object) -> None:
    temporary = path.with_name(path.name + ".tmp")
    with open(temporary, "wb") as handle:
        pickle.dump(value, handle, pickle.HIGHEST_PROTOCOL)
    os.replace(temporary, path)


def _shapes(groups: Sequence[Group], numbers: dict[int, int]) -> tuple[_Shape, ...]:
    return tuple((g.name, g.path, tuple(numbers[id(s)] for s in g.stories), g.note, _shapes(g.children, numbers))
                 for g in groups)


def save(folder: Path, site: Site, code: str, inputs: str, base: str, files: ContentFiles,
         prefix: str, summary: object, search: Sequence[tuple[str, Sequence[Story]]] = ()) -> None:
    """Keep the model of a whole build in `folder` (a failure to write leaves no model: the next build is whole).

    `prefix` is what each article's path starts with (load_content shows them as `content/…`); `search` the
    search index's shards as (name, stories), when the build made one.
    """
    folder = Path(folder)
    head_path = folder / "head.pickle"
    with contextlib.suppress(FileNotFoundError):
        head_path.unlink()  # from here until the new head is written, there is no model
    try:
        folder.mkdir(parents=True, exist_ok=True)
        numbers = {id(story): i for i, story in enumerate(site.stories)}
        stories = site.stories
        for index in range(0, max(len(stories), 1), SHARD):
            _write(folder / f"stories.{index // SHARD:04d}.pickle", [_pickled(s) for s in stories[index:index + SHARD]])
        names = {story.article.path[len(prefix):]: i for i, story in enumerate(stories)
                 if story.article.path.startswith(prefix)}
        lists = tuple(_shapes(groups, numbers) for groups in (site.people, site.tags, site.sections, site.years))
        layout = tuple((name, tuple(numbers[id(s)] for s in members)) for name, members in search)
        _write(head_path, Head(VERSION, code, inputs, base, files, names, len(stories), lists, summary, layout))
    except OSError:
        with contextlib.suppress(OSError):
            head_path.unlink()


def load(folder: Path, code: str) -> Model | None:
    """The model kept in `folder` by this code, or None (missing, old or damaged)."""
    try:
        with open(Path(folder) / "head.pickle", "rb") as handle:
            head = pickle.load(handle)
    except Exception:
        return None
    if not isinstance(head, Head) or head.version != VERSION or head.code != code:
        return None
    return Model(folder, head)


def discard(folder: Path) -> None:
    """No model from now on (until the next whole build keeps one)."""
    with contextlib.suppress(FileNotFoundError):
        (Path(folder) / "head.pickle").unlink()
