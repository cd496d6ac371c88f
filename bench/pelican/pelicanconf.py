"""Pelican side of the benchmark (bench/run.py): the digest's page set, as far as Pelican makes it without
plugins. Articles; the home page, reporter, tag and section (category) pages, issue (day), month and year
archives, all paginated 10 per page; an archive index; Atom and RSS feeds of the site and an Atom feed per
reporter. Not made: the digest's JSON Feed, sitemap, search page and 404. Paths are set by bench/run.py."""

SITENAME = "高新区新闻摘要"
SITEURL = ""
TIMEZONE = "Asia/Shanghai"
DEFAULT_LANG = "zh"
THEME = "theme"  # replaced by an absolute path with -t
DEFAULT_PAGINATION = 10
PAGINATED_TEMPLATES = {"index": None, "tag": None, "author": None, "category": None, "period_archives": None}
DIRECT_TEMPLATES = ["index", "archives"]
ARTICLE_URL = "{date:%Y}/{date:%m}/{date:%d}/{slug}/"
ARTICLE_SAVE_AS = "{date:%Y}/{date:%m}/{date:%d}/{slug}/index.html"
AUTHOR_URL = "reporters/{slug}/"
AUTHOR_SAVE_AS = "reporters/{slug}/index.html"
TAG_URL = "tags/{slug}/"
TAG_SAVE_AS = "tags/{slug}/index.html"
CATEGORY_URL = "sections/{slug}/"
CATEGORY_SAVE_AS = "sections/{slug}/index.html"
YEAR_ARCHIVE_URL = "{date:%Y}/"
YEAR_ARCHIVE_SAVE_AS = "{date:%Y}/index.html"
MONTH_ARCHIVE_URL = "{date:%Y}/{date:%m}/"
MONTH_ARCHIVE_SAVE_AS = "{date:%Y}/{date:%m}/index.html"
DAY_ARCHIVE_URL = "{date:%Y}/{date:%m}/{date:%d}/"
DAY_ARCHIVE_SAVE_AS = "{date:%Y}/{date:%m}/{date:%d}/index.html"
CATEGORIES_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
TAGS_SAVE_AS = ""
ARCHIVES_SAVE_AS = "archive/index.html"
PAGE_SAVE_AS = ""
DRAFT_SAVE_AS = ""
USE_FOLDER_AS_CATEGORY = False  # an article without a section has none (see plugins/)
PLUGIN_PATHS = ["plugins"]  # relative to this file
PLUGINS = ["no_default_category"]
FEED_ALL_ATOM = "atom.xml"
FEED_ALL_RSS = "rss.xml"
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = "reporters/{slug}/atom.xml"
AUTHOR_FEED_RSS = None
FEED_MAX_ITEMS = 20
SUMMARY_MAX_LENGTH = 50
DELETE_OUTPUT_DIRECTORY = False
# The incremental case: Pelican's own caches (bench/run.py turns them on for the rebuild runs).
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
CHECK_MODIFIED_METHOD = "mtime"
