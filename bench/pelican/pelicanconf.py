"""Pelican side of the benchmark (bench/run.py): articles, a home page paginated 10 per page, a page per
reporter and per tag (paginated), one Atom feed. Paths are set by bench/run.py on the command line."""

SITENAME = "高新区新闻摘要"
SITEURL = ""
TIMEZONE = "Asia/Shanghai"
DEFAULT_LANG = "zh"
THEME = "theme"  # replaced by an absolute path with -t
DEFAULT_PAGINATION = 10
PAGINATED_TEMPLATES = {"index": None, "tag": None, "author": None}
DIRECT_TEMPLATES = ["index"]
ARTICLE_URL = "{date:%Y}/{date:%m}/{date:%d}/{slug}/"
ARTICLE_SAVE_AS = "{date:%Y}/{date:%m}/{date:%d}/{slug}/index.html"
AUTHOR_URL = "reporters/{slug}/"
AUTHOR_SAVE_AS = "reporters/{slug}/index.html"
TAG_URL = "tags/{slug}/"
TAG_SAVE_AS = "tags/{slug}/index.html"
CATEGORY_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
TAGS_SAVE_AS = ""
ARCHIVES_SAVE_AS = ""
PAGE_SAVE_AS = ""
DRAFT_SAVE_AS = ""
FEED_ALL_ATOM = "atom.xml"
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
FEED_MAX_ITEMS = 20
SUMMARY_MAX_LENGTH = 50
DELETE_OUTPUT_DIRECTORY = False
# The incremental case: Pelican's own caches (bench/run.py turns them on for the rebuild runs).
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
CHECK_MODIFIED_METHOD = "mtime"
