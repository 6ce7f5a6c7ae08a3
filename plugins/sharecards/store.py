"""Cards cached by content: .cache/cards/<sha256>.<png|jpg>, so a rebuild draws only the cards whose
inputs changed (card.key). Languages built in parallel processes may draw the same card at once: each
writes a scratch file and renames it into place, so an entry is whole or absent, and both are equal."""

import os
import shutil
import tempfile
from pathlib import Path

from incremental.trace import side_output

from .card import draw, key


def cached(cache_root, card):
    """(path of the card's file in the cache, its key), drawing it on a miss."""
    digest = key(card)
    entry = Path(cache_root) / digest[:2] / f"{digest}.{card.extension}"
    if not entry.is_file():
        data = draw(card)
        entry.parent.mkdir(parents=True, exist_ok=True)
        handle, scratch = tempfile.mkstemp(prefix=".new-", dir=entry.parent)
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(scratch, entry)
    return entry, digest


def place(cache_root, output_root, rel, card):
    """The card at output_root/rel (from the cache); its key."""
    entry, digest = cached(cache_root, card)
    target = Path(output_root) / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(entry, target)
    side_output(target)  # the page's card: kept with the page when a rebuild does not render it again
    return digest
