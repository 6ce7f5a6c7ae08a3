"""Share links as plain URLs: each platform's own share address, opened only if the visitor clicks.

No widget, script or image of theirs is loaded, so the page requests nothing from them.
"""

from urllib.parse import quote


def N_(text):
    """Marks a name for the theme's catalog (`invoke messages`); templates translate it with _()."""
    return text


def share_links(url, title):
    """[(name, href)] to share `url` with `title`, in a fixed order."""
    u, t = quote(url, safe=""), quote(str(title), safe="")
    return [
        ("X", f"https://x.com/intent/post?url={u}&text={t}"),
        ("Facebook", f"https://www.facebook.com/sharer/sharer.php?u={u}"),
        ("WhatsApp", f"https://wa.me/?text={t}%20{u}"),
        ("Telegram", f"https://t.me/share/url?url={u}&text={t}"),
        (N_("E-mail"), f"mailto:?subject={t}&body={u}"),
    ]
