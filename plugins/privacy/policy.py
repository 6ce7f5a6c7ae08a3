"""SECURITY_HEADERS merged onto the defaults: tightening is free, loosening is named and announced.

DESIGN.md (Trust): "Settings may tighten the security headers freely; loosening them is
explicit and announced on every build." So, rather than `{**DEFAULTS, **SECURITY_HEADERS}`
(where naming one directive replaced the whole policy and `None` silently dropped a header):

- the Content-Security-Policy is merged per directive: a directive the setting does not name
  keeps its default; one it names gets exactly the sources given;
- removing sources tightens: allowed, silent;
- adding a host (`https://host`, `https://host:port`, `https://*.host`) is allowed, and announced;
- anything else the default did not allow — `'self'` where the default is `'none'`, a scheme
  (`data:`, `blob:`, `https:`), `*`, `'unsafe-…'`, a nonce or a hash —, dropping a directive or
  a header (`None`), or a header value other than the default (or one known to be stricter)
  must be named in `SECURITY_HEADERS["loosen"]`, and is then announced on every build;
- no setting may let injected code run: FORBIDDEN_SOURCES where scripts and styles are
  decided, or a policy that leaves scripts or styles to no directive at all, stop the build.
"""

import re

from bilingual.metadata import suggest
from bilingual.settingsfile import settings_error
from messages import t

SETTING = "SECURITY_HEADERS"
LOOSEN = "loosen"  # SECURITY_HEADERS["loosen"]: the directives and headers loosened on purpose
CSP = "Content-Security-Policy"

# Where the policy decides whether code runs (CSP3 fallbacks included): never these sources.
CODE_DIRECTIVES = ("default-src", "script-src", "script-src-elem", "script-src-attr",
                   "style-src", "style-src-elem", "style-src-attr", "worker-src")
FORBIDDEN_SOURCES = ("'unsafe-inline'", "'unsafe-eval'", "*", "data:", "http:", "https:")
# A fetch directive the policy lacks falls back to the first of these it has (CSP Level 3).
FALLBACKS = {
    **dict.fromkeys(("child-src", "connect-src", "font-src", "img-src", "manifest-src", "media-src", "object-src",
                     "script-src", "style-src"), ("default-src",)),
    **dict.fromkeys(("script-src-elem", "script-src-attr"), ("script-src", "default-src")),
    **dict.fromkeys(("style-src-elem", "style-src-attr"), ("style-src", "default-src")),
    "worker-src": ("child-src", "script-src", "default-src"),
    "frame-src": ("child-src", "default-src"),
}
RESTRICTING = ("sandbox", "upgrade-insecure-requests", "block-all-mixed-content", "require-trusted-types-for",
               "trusted-types")  # adding these only takes permissions away
KNOWN = (*FALLBACKS, "default-src", "base-uri", "form-action", "frame-ancestors", "report-uri", "report-to",
         *RESTRICTING)
# Values at least as strict as the default: changing a header to one of them is tightening.
STRICTER = {
    "Referrer-Policy": ("no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"),
    "X-Frame-Options": ("DENY",),
    "X-Content-Type-Options": ("nosniff",),
}

NEUTRAL = ("'none'", "'report-sample'")  # allow nothing more: never a loosening
HOST = re.compile(r"^https://(\*\.)?([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]*[a-z0-9])?(:\d{1,5})?/?$",
                  re.IGNORECASE)
SOURCE = re.compile(r"^('[A-Za-z0-9+/=_-]+'|[^\s;,'\"\\\x00-\x1f\x7f]+)$")  # one source: no `;` to start another directive
DIRECTIVE = re.compile(r"^[a-z][a-z0-9-]*$")
HEADER_NAME = re.compile(r"^[A-Za-z0-9-]+$")
MEANING = {"'self'": t("this site"), "'none'": t("nothing"), "*": t("any host"), "https:": t("any https host"),
           "http:": t("any host, unencrypted"), "data:": t("data: addresses, content written into the page"),
           "blob:": t("blob: addresses, content made by scripts"), "'unsafe-inline'": t("inline code"),
           "'unsafe-eval'": t("code made from text (eval)"), "'unsafe-hashes'": t("event-handler attributes"),
           "'strict-dynamic'": t("scripts added by other scripts"), "'wasm-unsafe-eval'": t("WebAssembly")}


def meaning(source):
    """A source with what it lets in, for people: "'self' (this site)"."""
    lower = source.lower()
    if lower in MEANING:
        return t("{source} ({meaning})", source=source, meaning=MEANING[lower])
    if lower.startswith(("'nonce-", "'sha256-", "'sha384-", "'sha512-")):
        return t("{source} (one inline script or style)", source=source)
    return t("{source} (another host)", source=source) if HOST.match(source) else source


def explicit_form(name):
    return t('if that is intended, name it: {setting} = {{…, "{key}": ["{name}"]}}; every build then says so',
             setting=SETTING, key=LOOSEN, name=name)


class Merge:
    """One merge of the setting onto the defaults; `loosened` lists ((keys…), what) to announce."""

    def __init__(self, given, defaults, settings_file):
        self.given, self.defaults, self.settings_file = given, defaults, settings_file
        self.loosened, self.used = [], set()
        if not isinstance(given, dict):
            raise self.problem(t("must be a dict of header name → value"))
        self.named = self._named()

    def problem(self, message, *keys, hint=None):
        return settings_error(self.settings_file, SETTING, message, *keys, hint=hint)

    def _named(self):
        named = self.given.get(LOOSEN, [])
        if not isinstance(named, list) or not all(isinstance(n, str) for n in named):
            raise self.problem(t('must be a list of the directives and headers loosened on purpose, e.g. ["img-src"]'),
                               LOOSEN)
        return named

    def is_named(self, name):
        found = next((n for n in self.named if n == name or (not DIRECTIVE.match(name) and n.lower() == name.lower())),
                     None)
        if found is not None:
            self.used.add(found)
        return found is not None

    def loosen(self, name, what, *keys):
        """A loosening (`what` it does, a Text): announced if `name` is in SECURITY_HEADERS["loosen"], else an error."""
        if not self.is_named(name):
            raise self.problem(t("{what}: loosening the default must be explicit", what=what), *keys,
                               hint=explicit_form(name))
        self.loosened.append((keys, what))

    def headers(self):
        headers = {name: dict(value) if isinstance(value, dict) else value for name, value in self.defaults.items()}
        for key, value in self.given.items():
            if key == LOOSEN:
                continue
            if not isinstance(key, str) or not HEADER_NAME.match(key):
                raise self.problem(t("{key} is not a header name", key=repr(key)),
                                   hint=t("e.g. {example}", example='"Referrer-Policy"'))
            name = next((d for d in self.defaults if d.lower() == key.lower()), key)  # header names ignore case
            if name == CSP:
                headers[CSP] = None if value is None else self.policy(key, value)
            elif value is None:
                if name in self.defaults:
                    self.loosen(name, t("drops this header"), key)
                headers.pop(name, None)
            elif not isinstance(value, str) or not value.strip() or re.search(r'["\\\x00-\x1f\x7f]', value):
                raise self.problem(t("must be one line of text, without double quotes or backslashes"), key)
            else:
                default = self.defaults.get(name)
                if default is not None and value != default and not self.stricter(name, value, default):
                    self.loosen(name, t("is '{value}' instead of '{default}'", value=value, default=default), key)
                headers[name] = value
        self.refuse_running_code(headers.get(CSP))
        stale = [n for n in self.named if n not in self.used]
        if stale:
            close = None if stale[0] in (*KNOWN, *self.defaults) else suggest(stale[0], [*KNOWN, *self.defaults])
            if close:
                message = t("names {name}, which this setting does not loosen; {suggestion}",
                            name=repr(stale[0]), suggestion=close)
            else:
                message = t("names {name}, which this setting does not loosen", name=repr(stale[0]))
            raise self.problem(message, LOOSEN, hint=t("only what the setting loosens belongs in the list: "
                                                       "remove the others"))
        return headers

    @staticmethod
    def stricter(name, value, default):
        if name == "Permissions-Policy":  # every default feature still denied; anything added is denied too
            items, defaults = {i.strip() for i in value.split(",")}, {i.strip() for i in default.split(",")}
            return defaults <= items and all(i.endswith("=()") for i in items - defaults)
        return value in STRICTER.get(name, ())

    def policy(self, key, given):
        if not isinstance(given, dict):
            raise self.problem(t("must be a dict of directive → list of sources, only the directives to change"), key,
                               hint=t("e.g. {example}", example='{"img-src": ["\'self\'", "https://images.example.org"]}'))
        defaults = self.defaults[CSP]
        policy = {directive: list(sources) for directive, sources in defaults.items()}
        for directive, sources in given.items():
            keys = (key, directive)
            if not isinstance(directive, str) or directive not in KNOWN:
                close = suggest(str(directive), KNOWN)
                if close:
                    message = t("unknown directive {directive}; {suggestion}", directive=repr(directive),
                                suggestion=close)
                else:
                    message = t("unknown directive {directive}", directive=repr(directive))
                raise self.problem(message, key, hint=t("directives are written as in the CSP standard, e.g. \"img-src\""))
            if sources is None:
                if directive in defaults:
                    self.loosen(directive, t("drops the directive (the default: {sources})",
                                             sources=" ".join(defaults[directive])), *keys)
                policy.pop(directive, None)
                continue
            if not isinstance(sources, (list, tuple)) or not all(isinstance(s, str) for s in sources):
                raise self.problem(t("must be a list of sources"), *keys, hint=t("e.g. {example}", example="[\"'self'\"]"))
            odd = next((s for s in sources if not SOURCE.match(s)), None)
            if odd is not None:
                raise self.problem(t("{source} is not one source", source=repr(odd)), *keys,
                                   hint=t("one source per text: \"'self'\", \"https://example.org\" (no spaces or ;)"))
            if directive in CODE_DIRECTIVES:
                loose = [s for s in sources if s.lower() in FORBIDDEN_SOURCES]
                if loose:
                    raise self.problem(t("{source} would let injected code run", source=loose[0]), *keys,
                                       hint=t("scripts and styles come from files on this site; move inline code "
                                              "into a file"))
            self.compare(directive, list(sources), keys)
            policy[directive] = list(sources)
        return policy

    def compare(self, directive, sources, keys):
        """What `sources` allow beyond the default: hosts are announced; anything else must be named."""
        if directive in RESTRICTING:
            return
        defaults = self.defaults[CSP]
        chain = (directive, *FALLBACKS.get(directive, ()))
        before = next((defaults[d] for d in chain if d in defaults), [])
        known = {s.lower() for s in before}
        added = [s for s in sources if s.lower() not in known and s.lower() not in NEUTRAL]
        if not added:
            return
        sources = [meaning(source) for source in added]
        what = (t("allows {sources}, where the default allows only {defaults}", sources=sources, defaults=" ".join(before))
                if before else t("allows {sources}, which the default does not allow", sources=sources))
        if all(HOST.match(s) for s in added):
            self.is_named(directive)  # naming a directive that only gains hosts is not wrong
            self.loosened.append((keys, what))
        else:
            self.loosen(directive, what, *keys)

    def refuse_running_code(self, policy):
        """However it was loosened, the policy must still decide where scripts and styles come from."""
        if policy is None:
            raise self.problem(t("would drop the whole policy, and with it what keeps injected code from running"),
                               CSP, hint=t("change single directives instead: {example}", example='{"img-src": [...]}'))
        unguarded = {"script-src": t("without script-src or default-src, scripts could come from anywhere"),
                     "style-src": t("without style-src or default-src, styles could come from anywhere")}
        for directive, message in unguarded.items():
            if directive not in policy and "default-src" not in policy:
                raise self.problem(message, CSP, hint=t("keep {directive} (the default: 'self')", directive=directive))


def merge(given, defaults, settings_file):
    """(headers, loosened): the defaults changed by the setting, and ((keys…), what) for each loosening."""
    merged = Merge(given, defaults, settings_file)
    headers = merged.headers()
    return headers, merged.loosened
