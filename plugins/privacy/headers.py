"""SECURITY_HEADERS: one dict of HTTP headers, rendered for the hosts we may deploy to.

The same headers become `output/_headers` (Netlify / Cloudflare Pages) and
`docs/nginx-security-headers.conf` (`invoke headers`); a test keeps the committed
snippet equal to what the settings produce. The CSP's form-action gets the mailing
list's origin added here, so changing list provider cannot silently break the form.
The same policy, minus what only a header can carry, is also written into every page
as `<meta http-equiv="Content-Security-Policy">` for hosts that forget the headers.
How the setting changes DEFAULTS — and how it may loosen them — is policy.py.
"""

from html import escape

from bilingual.settingsfile import settings_error
from messages import t

from .policy import CSP, FORBIDDEN_SOURCES, LOOSEN, SETTING, merge  # noqa: F401 (re-exported: tests, docs)

# Everything comes from the site itself. Scripts and styles only from files: no inline
# <script>, no on* attributes, no style attributes (charts use classes and SVG
# presentation attributes, which CSP does not govern).
DEFAULTS = {
    CSP: {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],  # + the mailing list's origin, added at build time
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",  # frame-ancestors for browsers that predate it
    # Features no page of ours uses; denied so that nothing injected could use them either.
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()",
}
# What a <meta http-equiv> policy cannot carry: browsers ignore these there, with a console error.
META_IGNORED = ("frame-ancestors", "report-uri", "report-to", "sandbox")


def checked_headers(overrides, settings_file):
    """(headers, announcements): DEFAULTS changed by SECURITY_HEADERS (policy.py: per directive,
    loosening only by name), and a ContentError per loosening, naming the settings file and line
    (kept as one, so it is shown in the language of whoever prints it)."""
    headers, loosened = merge(overrides, DEFAULTS, settings_file)
    return headers, [settings_error(settings_file, SETTING, t("loosened on purpose: {what}", what=what), *keys)
                     for keys, what in loosened]


def policy_text(policy, form_origin=None, leave_out=()):
    """The CSP as one header value; form-action also allows the mailing list's origin."""
    directives = []
    for directive, sources in policy.items():
        if directive in leave_out:
            continue
        sources = list(sources)
        if directive == "form-action" and form_origin and form_origin not in sources:
            sources.append(form_origin)
        directives.append(" ".join([directive, *sources]))
    return "; ".join(directives)


def header_lines(headers, form_origin=None):
    """[(name, value)] in settings order; form-action also allows the mailing list's origin."""
    return [(name, policy_text(value, form_origin) if name == CSP else value) for name, value in headers.items()]


def attribute_text(policy):
    """The policy quoted for a content="…" attribute: 'self' stays 'self' (autoescape would write &#39;)."""
    return escape(policy, quote=False).replace('"', "&quot;")


def meta_policy(headers, form_origin=None):
    """The same CSP for a <meta http-equiv> tag, without what a meta policy cannot carry (META_IGNORED)."""
    return policy_text(headers[CSP], form_origin, META_IGNORED)


def render_headers_file(lines):
    """The `_headers` file of Netlify and Cloudflare Pages: these headers on every path."""
    return "/*\n" + "".join(f"  {name}: {value}\n" for name, value in lines)


def render_nginx(lines, source):
    """An nginx snippet to include in the site's `server { }` block."""
    head = [f"# Security headers for the 7amleh site, generated from {source} by `invoke headers`.",
            "# Do not edit: change SECURITY_HEADERS / MAILING_LIST and run `invoke headers`.",
            "# include it in the server { } block; a location { } with its own add_header",
            "# must include it again (nginx does not inherit add_header into it)."]
    return "\n".join(head + [f'add_header {name} "{value}" always;' for name, value in lines]) + "\n"


def parse_headers_file(text):
    """{path pattern: [(name, value)]} from a `_headers` file (used by the tests' server)."""
    rules, current = {}, None
    for raw in text.splitlines():
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        if not raw[0].isspace():
            current = rules.setdefault(raw.strip(), [])
        elif current is not None:
            name, _, value = raw.strip().partition(":")
            current.append((name.strip(), value.strip()))
    return rules
