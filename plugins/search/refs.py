"""Refs: the short name of an item in the index and of its card file, taken from its URL.

A ref must not move when other items come or go: a publish sends a file whose name is new, and a
ref that was a position (newest first) renamed every card whenever an item was added. A ref is
the start of a base-36 hash of the URL, REF_CHARS characters (1.7 million values: at 2,000 items a
language, about one pair of items shares them). Items whose refs collide all get one character
more, until they differ: the same set of URLs always gives the same refs, and adding an item
changes the ref of another only when the two collide.
"""

import hashlib

ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz"  # lowercase: a card's file name, on any file system
REF_CHARS = 4


def digits(url):
    """The base-36 digits of the URL's SHA-256, 50 of them, least significant first."""
    number = int.from_bytes(hashlib.sha256(url.encode("utf-8")).digest(), "big")
    out = []
    for _ in range(50):
        number, digit = divmod(number, 36)
        out.append(ALPHABET[digit])
    return "".join(out)


def stable_refs(urls, length=REF_CHARS):
    """{url: ref} for distinct URLs."""
    urls = sorted(set(urls))
    hashed = {url: digits(url) for url in urls}
    refs = {}

    def assign(group, chars):
        by_ref = {}
        for url in group:
            by_ref.setdefault(hashed[url][:chars], []).append(url)
        for ref, members in by_ref.items():
            if len(members) == 1:
                refs[members[0]] = ref
            else:  # a collision: every member one character longer (50 digits never all collide)
                assign(members, chars + 1)

    assign(urls, length)
    return refs
