"""SECURITY_HEADERS: one dict of HTTP headers, rendered for the hosts we may deploy to.

The same headers become `output/_headers` (Netlify / Cloudflare Pages) and
`docs/nginx-security-headers.conf` (`invoke headers`); a test keeps the committed
snippet equal to what the settings produce. The CSP's form-action gets the mailing
list's origin added here, so changing list provider cannot silently break the form.
"""

from bilingual.settingsfile import settings_error

SETTING = "SECURITY_HEADERS"
CSP = "Content-Security-Policy"
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
FORBIDDEN_SOURCES = ("'unsafe-inline'", "'unsafe-eval'", "*", "data:", "http:", "https:")


def _problem(settings_file, message, *keys, hint=None):
    return settings_error(settings_file, SETTING, message, *keys, hint=hint)


def check_headers(overrides, settings_file):
    """DEFAULTS with the settings' overrides (a header set to None is dropped), checked."""
    if not isinstance(overrides, dict):
        raise _problem(settings_file, "must be a dict of header name → value")
    headers = {**DEFAULTS, **overrides}
    csp = headers.get(CSP)
    if not isinstance(csp, dict):
        raise _problem(settings_file, "must be a dict of directive → list of sources", CSP)
    for directive, sources in csp.items():
        if not isinstance(sources, (list, tuple)) or not all(isinstance(s, str) for s in sources):
            raise _problem(settings_file, "must be a list of sources", CSP, directive)
        if directive in ("script-src", "style-src", "default-src"):
            loose = [s for s in sources if s in FORBIDDEN_SOURCES]
            if loose:
                raise _problem(settings_file, f"{loose[0]} would let injected code run", CSP, directive,
                               hint="scripts and styles come from files on this site; move inline code into a file")
    for name, value in headers.items():
        if name != CSP and value is not None and not isinstance(value, str):
            raise _problem(settings_file, "must be a string", name)
    return {name: value for name, value in headers.items() if value is not None}


def header_lines(headers, form_origin=None):
    """[(name, value)] in settings order; form-action also allows the mailing list's origin."""
    lines = []
    for name, value in headers.items():
        if name == CSP:
            directives = []
            for directive, sources in value.items():
                sources = list(sources)
                if directive == "form-action" and form_origin and form_origin not in sources:
                    sources.append(form_origin)
                directives.append(" ".join([directive, *sources]))
            value = "; ".join(directives)
        lines.append((name, value))
    return lines


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
