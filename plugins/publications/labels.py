"""Names of content types, as English message ids translated by the theme's catalogs.

`N_` only marks a string for `invoke messages`; templates translate it with `_()`.
"""


def N_(message):
    return message


CATEGORY_LABELS = {
    "publications": N_("Publications"),
    "news": N_("News"),
}

# type code → (singular, plural)
TYPE_LABELS = {
    "report": (N_("Report"), N_("Reports")),
    "research": (N_("Research"), N_("Research")),
    "position-paper": (N_("Position paper"), N_("Position papers")),
    "legal-analysis": (N_("Legal analysis"), N_("Legal analyses")),
    "guide": (N_("Guide"), N_("Guides")),
    "survey": (N_("Survey"), N_("Surveys")),
    "quarterly-report": (N_("Quarterly report"), N_("Quarterly reports")),
    "annual-report": (N_("Annual report"), N_("Annual reports")),
}

# schema.org type of each publication type, for JSON-LD
SCHEMA_TYPES = {
    "report": "Report",
    "research": "ScholarlyArticle",
    "position-paper": "Report",
    "legal-analysis": "Report",
    "guide": "Book",
    "survey": "Report",
    "quarterly-report": "Report",
    "annual-report": "Report",
}


def category_label(code):
    return CATEGORY_LABELS.get(code, code)


def type_label(code, plural=False):
    singular, many = TYPE_LABELS[code]
    return many if plural else singular
