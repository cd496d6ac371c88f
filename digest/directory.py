"""The index pages of the persons named in reports and of topics: by pinyin initial, the most reported first,
and for one person (or topic) the topics (or persons) most often in the same reports."""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from digest.model import Group, Link, Story

OTHER_INITIAL = "#"  # a slug that starts with a digit (5G, 2021年): after Z, as phone contact lists do


@dataclass(frozen=True)
class Initial:
    """The lists whose names read with one initial letter in pinyin (their slugs start with it)."""

    letter: str
    groups: tuple[Group, ...]

    @property
    def anchor(self) -> str:
        """The letter's fragment on the index page: `i-z`, `i-other`."""
        return "i-" + (self.letter.lower() if self.letter != OTHER_INITIAL else "other")


@dataclass(frozen=True)
class Together:
    """A list that shares reports with another, and how many."""

    link: Link
    count: int


def initial_of(group: Group) -> str:
    """`Z` for `people/zhang-wei/`: the first letter of the list's slug, or OTHER_INITIAL."""
    letter = group.path.rstrip("/").rpartition("/")[2][:1].upper()
    return letter if "A" <= letter <= "Z" else OTHER_INITIAL


def by_initial(groups: Iterable[Group]) -> tuple[Initial, ...]:
    """The groups by initial, A to Z then OTHER_INITIAL; in slug (pinyin) order within a letter."""
    letters: dict[str, list[Group]] = {}
    for group in sorted(groups, key=lambda g: g.path):
        letters.setdefault(initial_of(group), []).append(group)
    order = sorted(letters, key=lambda letter: (letter == OTHER_INITIAL, letter))
    return tuple(Initial(letter, tuple(letters[letter])) for letter in order)


def most_reported(groups: Iterable[Group], count: int) -> tuple[Group, ...]:
    """The `count` groups with the most reports; equal counts in slug order."""
    return tuple(sorted(groups, key=lambda g: (-g.count, g.path))[:count])


def together(stories: Sequence[Story], links_of: Callable[[Story], Iterable[Link]], count: int) \
        -> tuple[Together, ...]:
    """The `count` links `links_of` gives most often across `stories` (a person's topics, a topic's persons),
    the most frequent first, then in slug order."""
    # Counted by path: a Link's own hash (of all its fields, in Python) was most of the time of these lists.
    links = {link.path: link for story in stories for link in links_of(story)}
    counts = Counter(link.path for story in stories for link in links_of(story))
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:count]
    return tuple(Together(links[path], n) for path, n in ranked)
