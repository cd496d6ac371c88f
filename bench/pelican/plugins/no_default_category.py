"""Pelican gives an article without a category its DEFAULT_CATEGORY, and pages for it; the digest makes no
section pages for articles without a section, so neither does the benchmark's Pelican."""
from pelican import signals


def _drop_default_category(generator) -> None:
    default = generator.settings["DEFAULT_CATEGORY"]
    generator.categories = [(category, articles) for category, articles in generator.categories
                            if category.name != default]


def register() -> None:
    """Pelican's plugin entry point."""
    signals.article_generator_finalized.connect(_drop_default_category)
