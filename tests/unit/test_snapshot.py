"""digest/snapshot.py: the model a whole build keeps is the model it made, read back a story at a time."""
from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

from digest import snapshot
from digest.config import load_config
from digest.model import Group, Site, Story
from digest.pipeline import build
from tests.conftest import BASE_PATH, FIXTURE_SITE, ROOT


def _without_text(story: Story) -> Story:
    return replace(story, article=replace(story.article, body=""))


def _same_groups(kept: tuple[Group, ...], made: tuple[Group, ...]) -> None:
    assert len(kept) == len(made)
    for a, b in zip(kept, made, strict=True):
        assert (a.name, a.path, a.note, len(a.stories)) == (b.name, b.path, b.note, len(b.stories))
        assert [s.path for s in a.stories] == [s.path for s in b.stories]
        _same_groups(a.children, b.children)


def _model(tmp_path: Path, monkeypatch) -> tuple[snapshot.Model, Site]:
    monkeypatch.setattr(snapshot, "SHARD", 4)  # several shards even for the fixture's articles
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_SITE / "content", content)
    cfg = load_config(FIXTURE_SITE / "site.toml", base_url=BASE_PATH)
    made = build(cfg, content, tmp_path / "dist", ROOT / "templates", search=False).site
    from digest.cache import code_version

    model = snapshot.load(tmp_path / ".dist.cache" / "model", code_version())
    assert model is not None and made is not None
    return model, made


def test_the_kept_model_is_the_model_the_build_made(tmp_path: Path, monkeypatch) -> None:
    model, made = _model(tmp_path, monkeypatch)
    kept = model.site
    assert list(kept.stories) == [_without_text(s) for s in made.stories]
    for groups in ("people", "tags", "sections", "years"):
        _same_groups(getattr(kept, groups), getattr(made, groups))
    assert [day.path for day in kept.issues] == [day.path for day in made.issues]


def test_stories_are_read_once_and_found_in_every_list(tmp_path: Path, monkeypatch) -> None:
    model, _ = _model(tmp_path, monkeypatch)
    site = model.site
    story = site.stories[5]
    assert site.stories[5] is story and site.stories[4:6][1] is story
    day = next(d for d in site.issues if any(s.path == story.path for s in d.stories))
    assert day.stories[day.stories.position(story)] is story
    assert model.story_of(story.article.path.split("content/", 1)[1]) is story
    assert model.story_of("no/such/file.md") is None


def test_a_replaced_story_is_kept_for_the_next_build(tmp_path: Path, monkeypatch) -> None:
    model, _ = _model(tmp_path, monkeypatch)
    old = model.site.stories[2]
    new = replace(old, summary="换了的摘要")
    model.replace(old, new)
    assert model.site.stories[2] is new and model.site.years[0].stories.position(new) >= 0
    model.save("new inputs", model.head.files)
    from digest.cache import code_version

    again = snapshot.load(model.folder, code_version())
    assert again is not None and again.head.inputs == "new inputs"
    assert again.site.stories[2].summary == "换了的摘要"
    assert snapshot.load(model.folder, "other code") is None
    snapshot.discard(model.folder)
    assert snapshot.load(model.folder, code_version()) is None
