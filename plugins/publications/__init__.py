"""publications: content types — publication types, topics, authors, PDFs, covers, JSON-LD."""

from pelican import signals
from pelican.contents import Article, Page
from pelican.urlwrappers import Tag

from .checks import check_item
from .generator import TypeListingGenerator
from .templating import setup_environment, vocabularies


def check_content_types(instance):
    # content_object_init: runs while a file is read, before Pelican groups items by tag,
    # so topics set here become Pelican tags with their own listing pages.
    if not isinstance(instance, (Article, Page)) or not hasattr(instance, "header"):
        return
    settings = instance.settings
    topics, authors = vocabularies(settings)
    found = check_item(
        instance.source_rel, instance.header,
        category=instance.source_rel.split("/", 1)[0],
        content_path=settings["PATH"], static_paths=settings["STATIC_PATHS"],
        topics=topics, authors=authors,
    )
    instance.type = found["type"]
    instance.pdf = found["pdf"]
    instance.cover = found["cover"]
    instance.tags = [Tag(code, settings) for code in found["topics"]]


def add_type_listings(pelican):
    # get_generators: type pages are output that Pelican does not make on its own.
    return TypeListingGenerator


def install_theme_helpers(generator):
    setup_environment(generator.env, generator.settings)


def register():
    signals.content_object_init.connect(check_content_types)
    signals.get_generators.connect(add_type_listings)
    signals.generator_init.connect(install_theme_helpers)
