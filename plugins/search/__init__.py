"""search: an Arabic-aware client-side index per language, built with lunr.py, read by lunr.js."""

from pelican import signals

from .generator import SearchGenerator


def add_search(pelican):
    # get_generators: the index and the search page are output Pelican does not make; the
    # generator runs after Pelican's own, so every article and page of the language is read.
    return SearchGenerator


def register():
    signals.get_generators.connect(add_search)
