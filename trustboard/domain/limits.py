"""What one workshop may hold: checked on load, on every edit and by the importers.

The numbers are far above what a real workshop uses, and low enough that the board, the
charts and both PDF exports stay fast at every one of them at once. A file or template over
a limit is refused with a message that names the field and the limit; an edit over a limit
is refused before it reaches the workshop.
"""

from __future__ import annotations

# Short texts shown in headers, titles and file names.
TITLE_CHARS = 200  # workshop title, organisation, round label, participant name
NAME_CHARS = 120  # element, domain, card-kind, scale-step, KPI and question-set names
# Longer texts.
DEFINITION_CHARS = 2_000  # an element's or domain's definition, a question's text
CARD_CHARS = 5_000  # a card's text (a customer quote can be long)
ANSWER_CHARS = 10_000  # the room's answer to one question
ACTION_CHARS = 2_000  # an action's owner and notes

# The framework's shape.
ELEMENTS = 30  # rows
DOMAINS = 30  # columns
QUESTIONS_PER_SET = 50  # questions of one element, domain or cell
QUESTIONS_TOTAL = 2_000
SCALE_STEPS = 11  # e.g. 0-10
SCALE_VALUE = 1_000  # a scale step's value lies within +/- this
CARD_KINDS = 20
TAGS = 20  # a framework's tags, each at most NAME_CHARS

# A workshop's size.
PARTICIPANTS = 500
ROUNDS = 200
KPIS = 50
KPI_MAGNITUDE = 1e12  # a KPI value, minimum or maximum: finite and within +/- this
VOTES = 1_000_000  # dots on one card
OWNER_CHARS = 64  # the key of the device that wrote a card (never shown)
ORDER_MAGNITUDE = 1e15  # a card's or round's place in its list: within +/- this

# Imported surveys and boards (kept with the workshop).
MAPPINGS = 50  # survey mappings saved for later exports
MAPPING_CHARS = 200_000  # one saved mapping's TOML text (a 500-column survey with labels)
SIGNATURE_CHARS = 128  # a layout's signature (a SHA-256 in hex: 64)
SOURCE_CHARS = 1_000  # an imported file's name, as remembered; a saved mapping's name
IMPORT_RECORDS = 1_000  # files imported into one workshop
RESPONSE_IDS = 100_000  # response ids remembered over all imports
RESPONSE_ID_CHARS = 100  # one response id (survey tools use 10 to 30)
RESPONSES = 10_000_000  # rows of one imported file; answers a KPI was computed from

# Files.
WORKSHOP_FILE_BYTES = 512 * 1024 * 1024
TEMPLATE_FILE_BYTES = 1024 * 1024
NESTING_DEPTH = 64  # objects/arrays inside each other in a workshop or template file
LOCK_FILE_BYTES = 4096
