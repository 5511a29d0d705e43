"""Development settings for Thriving Practice (`make html`, `make devserver`)."""

from jinja2 import FileSystemBytecodeCache

AUTHOR = "Thriving Practice"
SITENAME = "Thriving Practice"
SITESUBTITLE = "Practice-building advice for psychotherapists and counsellors in private practice"
# The home page's heading (the theme says "Articles" without it).
HOME_HEADING = "Practical advice for growing a private practice"
# A line after the copyright in the footer (none without it): a promise this site keeps.
FOOTER_NOTE = "No cookies, no trackers."
SITEURL = ""

PATH = "content"
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
# Images go in content/images/ and are linked as ![Text]({static}/images/name.jpg).
STATIC_PATHS = ["images"]
# Hidden files (.DS_Store, .gitkeep, an editor's .#lock) are never published; Pelican's default,
# "**/.*", is matched against bare file names and so never matches.
IGNORE_FILES = [".*"]

TIMEZONE = "Europe/London"
DEFAULT_LANG = "en"
DEFAULT_DATE_FORMAT = "%-d %B %Y"

THEME = "theme"
PLUGIN_PATHS = ["plugins"]
# Explicit, so that namespace plugins installed in the venv are never picked up by accident.
PLUGINS = [
    "content_check",
    "asset_bundles",
    "feeds",
    "sitemap_xml",
    "deploy_headers",
    "series",
    "neighbours",
    "reading_time",
    "structured_data",
    "newsletter",
    "menus",
    "site_author",
    "site_logo",
    "toc",
    "wide_tables",
    "theme_root",
    "social_cards",
    "related_posts",
    "plain_titles",
]

# The theme's stylesheet and scripts: bundled by asset_bundles, or without it copied as they are.
THEME_STATIC_PATHS = ["static"] if "asset_bundles" in PLUGINS else ["static", "assets"]

# Pretty URLs: /slug/ rather than /slug.html.
ARTICLE_URL = "{slug}/"
ARTICLE_SAVE_AS = "{slug}/index.html"
DRAFT_URL = "drafts/{slug}/"
DRAFT_SAVE_AS = "drafts/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
DRAFT_PAGE_URL = "drafts/pages/{slug}/"
DRAFT_PAGE_SAVE_AS = "drafts/pages/{slug}/index.html"
# Translations (Lang: fr) under their language, in the same pretty style: /fr/<slug>/ (Pelican's
# default, <slug>-fr.html, would break the scheme). Feeds, hreflang links and the sitemap follow.
ARTICLE_LANG_URL = "{lang}/{slug}/"
ARTICLE_LANG_SAVE_AS = "{lang}/{slug}/index.html"
PAGE_LANG_URL = "{lang}/{slug}/"
PAGE_LANG_SAVE_AS = "{lang}/{slug}/index.html"
DRAFT_LANG_URL = "drafts/{lang}/{slug}/"
DRAFT_LANG_SAVE_AS = "drafts/{lang}/{slug}/index.html"
DRAFT_PAGE_LANG_URL = "drafts/pages/{lang}/{slug}/"
DRAFT_PAGE_LANG_SAVE_AS = "drafts/pages/{lang}/{slug}/index.html"
CATEGORY_URL = "category/{slug}/"
CATEGORY_SAVE_AS = "category/{slug}/index.html"
TAG_URL = "tag/{slug}/"
TAG_SAVE_AS = "tag/{slug}/index.html"
CATEGORIES_URL = "categories/"
CATEGORIES_SAVE_AS = "categories/index.html"
TAGS_URL = "tags/"
TAGS_SAVE_AS = "tags/index.html"
ARCHIVES_URL = "archives/"
ARCHIVES_SAVE_AS = "archives/index.html"
# One author: no author pages and no author feeds (they would collide with category feeds).
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_SAVE_AS = ""
DAY_ARCHIVE_SAVE_AS = ""

DIRECT_TEMPLATES = ["index", "categories", "tags", "archives", "robots", "search"]
ROBOTS_SAVE_AS = "robots.txt"
# The search page; while "search" is in DIRECT_TEMPLATES, every build indexes the site with
# Pagefind into pagefind/ (tools/search_index.py) and the header has a search field.
SEARCH_URL = "search/"
SEARCH_SAVE_AS = "search/index.html"

# A future-dated article is a draft until its date (Pelican's default publishes it at once), so a
# scheduled series part is listed as "coming soon" and kept out of navigation and feeds.
WITH_FUTURE_DATES = False

# The menu and footer links (plugins/menus): each names a page by its file in content/ (or its
# slug); a link to a page that does not exist fails the build, naming the setting.
MENU_HEADER = [("About", "pages/about.md")]
MENU_SUBSCRIBE = ("Subscribe", "pages/newsletter.md")
MENU_FOOTER = [
    ("Free practice analysis", "pages/free-practice-analysis.md"),
    ("Privacy", "pages/privacy.md"),
]

# Series (plugins/series/README.md): pages at series/<slug>/, feeds at feeds/series/.
SERIES_INFO = {
    "Building Referral Relationships": {
        "description": (
            "A six-part guide to filling a practice through referral relationships built on "
            "service, not self-promotion: the mindset, the case for reaching out, mapping the "
            "people around every client, first contact, serving referrers well, and tracking "
            "what works year after year."
        ),
    },
    "Working Alongside GPs and Other Health Professionals": {
        "description": (
            "A four-part series on shared care: how primary care sees a private therapist, "
            "writing to a GP with consent, working alongside doctors and "
            "specialist services, and ending well."
        ),
    },
}

DEFAULT_PAGINATION = 10
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)

# Feeds at Pelican's default paths, with full content.
FEED_ALL_ATOM = "feeds/all.atom.xml"
FEED_ALL_RSS = "feeds/all.rss.xml"
CATEGORY_FEED_ATOM = "feeds/{slug}.atom.xml"
CATEGORY_FEED_RSS = "feeds/{slug}.rss.xml"
# Each language its own site feed too (plugins/feeds): feeds/all-en.atom.xml, all-fr.rss.xml...
TRANSLATION_FEED_ATOM = "feeds/all-{lang}.atom.xml"
TRANSLATION_FEED_RSS = "feeds/all-{lang}.rss.xml"
RSS_FEED_SUMMARY_ONLY = False
# Feed readers need absolute URLs; in development they point at `make serve`.
FEED_DOMAIN = "http://localhost:8000"
FEED_MAX_ITEMS = 50

# One stylesheet and one script per page, minified and fingerprinted (plugins/asset_bundles).
ASSET_BUNDLES = {
    "css/site.css": ["css/site.css"],
    # Code highlighting (made by tools/pygments_css.py), loaded only by pages that show code:
    # most pages have none, and the article page's budget is 40 KB.
    "css/code.css": ["css/pygments.css"],
    "js/site.js": ["js/subscribe.js"],
    # Pages with the subscription popup load this one instead (plugins/newsletter).
    "js/popup.js": ["js/subscribe.js", "js/popup.js"],
    # The search page's, which alone loads Pagefind.
    "js/search.js": ["js/subscribe.js", "js/search.js"],
}

# Escape every value in templates unless it is marked safe: titles, tags, settings and
# metadata are text, only rendered content (`.content`, `.summary`) is HTML.
# Pelican makes a new environment for every build, so Jinja need not stat each template file
# again at every include to see whether it changed. Compiling the theme's templates is a tenth
# of a second in every build: Jinja's own bytecode cache keeps them compiled between builds (in
# its default folder, /tmp/_jinja2-cache-<user>), checked against each template's source.
JINJA_ENVIRONMENT = {
    "trim_blocks": True,
    "lstrip_blocks": True,
    "autoescape": True,
    "auto_reload": False,
    "bytecode_cache": FileSystemBytecodeCache(),
}

# Response headers for the host (plugins/deploy_headers writes them to output/_headers;
# deploy/nginx.conf repeats them for nginx, and a test keeps the two in step).
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "form-action 'self' https:; base-uri 'none'; frame-ancestors 'none'"
)
IMMUTABLE = "public, max-age=31536000, immutable"
DEPLOY_HEADERS = {
    "/*": {
        "Content-Security-Policy": CONTENT_SECURITY_POLICY,
        "Referrer-Policy": "strict-origin-when-cross-origin",
        "X-Content-Type-Options": "nosniff",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
        "Cross-Origin-Opener-Policy": "same-origin",
    },
    # Fingerprinted bundles (plugins/asset_bundles) never change under the same name.
    "/theme/css/*": {"Cache-Control": IMMUTABLE},
    "/theme/js/*": {"Cache-Control": IMMUTABLE},
    "/theme/favicon.svg": {"Cache-Control": "public, max-age=86400"},
}


# The search page alone runs Pagefind, which compiles its WebAssembly ('wasm-unsafe-eval' allows
# that and nothing else: no eval of strings) and fetches its index from the site ('self' in
# connect-src). Later rules win (Netlify), so this one replaces the policy of "/*" on that page.
def search_policy(policy):
    """`policy` plus what Pagefind needs, in its script-src and connect-src wherever they
    stand; one it lacks is written out from default-src (which a browser uses in its place),
    and none is needed where there is no default-src either (nothing is restricted)."""
    directives = {}
    for directive in policy.split(";"):
        name, *values = directive.split() or [""]
        if name:
            directives[name.lower()] = values
    for name, needed in (("script-src", "'wasm-unsafe-eval'"), ("connect-src", "'self'")):
        values = directives.get(name, directives.get("default-src"))
        if values is not None and needed not in values:
            directives[name] = [v for v in values if v != "'none'"] + [needed]
    return "; ".join(" ".join([name, *values]) for name, values in directives.items())


SEARCH_CONTENT_SECURITY_POLICY = search_policy(CONTENT_SECURITY_POLICY)
DEPLOY_HEADERS[f"/{SEARCH_URL}*"] = {"Content-Security-Policy": SEARCH_CONTENT_SECURITY_POLICY}
# Pagefind's worker, where the search runs, is held to the policy its own response brings.
DEPLOY_HEADERS["/pagefind/pagefind-worker.js"] = {
    "Content-Security-Policy": SEARCH_CONTENT_SECURITY_POLICY
}


# No `smarty`: it costs a quarter of the build (bench/results.md); plugins/typography makes
# quotes, dashes and ellipses typographic instead (`make bench` reports its cost as a/e).
# No `toc` either (4% of the build): plugins/toc adds the heading ids and the tables of contents
# in one cheap pass.
PLUGINS = [*PLUGINS, "typography"]
TYPOGRAPHY_DASHES = "oldschool"  # -- is an en dash, --- an em dash
# Code blocks are highlighted by Pygments through CSS classes (the CSP forbids inline styles),
# only when they name their language; `!!! note` blocks become styled admonitions.
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.codehilite": {"css_class": "highlight", "guess_lang": False},
        "markdown.extensions.admonition": {},
    },
    "output_format": "html5",
}
# reStructuredText math as MathML, which browsers draw themselves: no script, no stylesheet.
DOCUTILS_SETTINGS = {"math_output": "MathML"}

# Who writes the site (plugins/site_author): the byline links to the about page, the author box
# ends every article, the footer links to the contact address. (The privacy page names the data
# controller from NEWSLETTER_DATA_CONTROLLER.)
SITE_AUTHOR_BIO = (
    "Thriving Practice helps psychotherapists, counsellors and other clinicians build private "
    "practices that are steady and sustainable, with advice grounded in how referrals, fees and "
    "small-business risk actually work."
)
SITE_AUTHOR_CONTACT = "hello@thrivingpractice.example"

# Pelican's content cache speeds up `make devserver` rebuilds.
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CACHE_PATH = "cache"
# Social cards (plugins/social_cards) are named by what is drawn on them, so one cache serves
# every build; outside the content cache, which the build keys by settings and code.
SOCIAL_CARDS_CACHE_PATH = "cache/social-cards"

# Editorial rules, as build warnings (plugins/content_check): every article is worth 600 words.
CONTENT_CHECK_MIN_WORDS = 600

# Newsletter signup forms and the subscription popup (plugins/newsletter; its README.md
# documents every setting). In Buttondown's settings: double opt-in (confirmation) on, the
# subscription redirect https://<domain>/thank-you/ and the confirmation redirect
# https://<domain>/thank-you/#subscriber. Newsletters go to subscribers tagged "newsletter";
# the practice analysis alone adds only "practice-analysis".
NEWSLETTER_PROVIDER = "buttondown"
NEWSLETTER_ACCOUNT = {"username": "thrivingpractice"}
NEWSLETTER_DATA_CONTROLLER = {
    "name": "Thriving Practice",
    "email": "privacy@thrivingpractice.example",
}
# The forms' "How we handle your details" link; a dead one fails the build, naming this setting.
NEWSLETTER_PRIVACY_URL = "privacy/"
NEWSLETTER_FORMS = {
    "newsletter": {
        "tags": ["newsletter"],
        "heading": "Get the newsletter",
        "pitch": "One practical idea for growing your private practice, straight to your inbox.",
        "frequency": "One email roughly every two weeks.",
        "privacy": "We use your address only to send the newsletter, never share it, and every email has a one-click unsubscribe.",
        "privacy_link": "How we handle your details",
    },
    "practice-analysis": {
        "heading": "Request your free practice analysis",
        "pitch": "Tell us where to send the short questionnaire; your written analysis follows once you return it.",
        "first_name": True,
        "button": "Send me the questionnaire",
        "frequency": None,
        "privacy": "We use your name and address only for your analysis (and the newsletter, if you tick the box), never share them, and every email has a one-click unsubscribe.",
        "privacy_link": "How we handle your details",
        "tags": ["practice-analysis"],
        "optin": "Also send me the newsletter: one practical email roughly every two weeks (optional).",
        "optin_value": "newsletter",
    },
}

# The popup stays off the thank-you and privacy pages (pages whose text holds a form never
# get it).
NEWSLETTER_POPUP_EXCLUDE_SLUGS = ["thank-you", "privacy"]
