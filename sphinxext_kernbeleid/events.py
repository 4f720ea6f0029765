"""The order of the package's Sphinx event handlers, declared in one place.

Sphinx calls the handlers of one event from the lowest priority up (its own and
sphinx-needs' mostly at 500). Every ``setup()`` of the package connects with a priority
from this table, so the order can be read, and changed, here. Handlers without a priority
here run at Sphinx's default (500), in the order the modules are set up.
"""

from __future__ import annotations

# --------------------------------------------------------------------------- config-inited

#: Settings first: every later handler and builder sees checked, safe values.
SETTINGS_CHECKED = 5
#: Need types and the item layout, after sphinx-needs resolved ``needs_types`` (12).
NEED_TYPES = 15
#: sphinx-needs' own settings (links, id pattern, layout), before it reads them (500).
NEEDS_CONFIGURED = 20
#: The site's theme, title and footer defaults, after the settings are checked.
SITE_DEFAULTS = 600
#: The substitution texts (``|gemeente|``, ``|datum|``), computed from the checked settings.
SUBSTITUTIONS = 700
#: Reading sources as UTF-8 with located errors, after Sphinx's own encoding warning (790).
SOURCE_CODEC = 795

# --------------------------------------------------------------------------- env-before-read-docs

#: A rebuild with documents to read: the collector, paused by ``setup()``, on again
#: before they are read, after every handler added its documents (build/geheugen.py).
COLLECTOR_RESUMED_TO_READ = 999

# --------------------------------------------------------------------------- doctree-resolved

#: Amendementen: new texts and their sentence in the Need nodes, before anything is made
#: of them (Word items, HTML details, sphinx-needs' layout).
AMENDMENTS_APPLIED = 380
#: Word: needs become Kernbeleid nodes before the HTML details block is added.
WORD_ITEMS = 390
#: The HTML item details, before sphinx-needs (500) turns need nodes into their layout.
ITEM_DETAILS = 400
#: The overview directives' placeholders filled (tables, matrix, voortgang), after
#: sphinx-needs (500) looked for its own nodes: the overviews hold none, and its walks
#: over the tree then pass by their rows (tens of thousands of nodes in a large plan).
OVERVIEWS = 550
#: sphinx-needs' one-cell layout table becomes a ``div``, after sphinx-needs drew it (500).
ITEMS_WITHOUT_TABLES = 600

# --------------------------------------------------------------------------- write-started

#: Word: the doctrees Sphinx kept from reading let go, and what lives on frozen out of the
#: garbage collector's sight, before sphinx-needs resolves its needs (500).
WORD_MEMORY = 100

#: The complete plan built once, in the main process, before any writer forks.
PLAN_BUILT = 800
#: Charts drawn beside the write phase, once the plan is built.
CHARTS_PREFETCHED = 850
#: HTML: the heap frozen for the collector once the plan is built (build/geheugen.py).
HEAP_FROZEN = 900
#: A rebuild without documents to read: the collector, paused by ``setup()``, on again
#: once the heap is frozen (nothing is left for it to walk).
COLLECTOR_RESUMED = 910

# --------------------------------------------------------------------------- html-page-context

#: HTML: a written page's doctree taken apart, after every other handler saw it.
DOCTREE_RELEASED = 999

# --------------------------------------------------------------------------- build-finished

#: sphinx-needs' web-site files removed from our builders' folders, after it wrote them.
STRAY_FILES_REMOVED = 900
#: HTML: the heap unfrozen at the end of the build.
HEAP_UNFROZEN = 950
