"""Template helpers for content types: labels, vocabularies, JSON-LD."""

import os

from jinja2 import pass_context
from markupsafe import Markup

from bilingual.errors import ContentError
from messages import t

from .jsonld import publication_jsonld
from .labels import category_label, type_label
from .vocabulary import load_vocabulary


def vocabularies(settings):
    languages = list(settings["LANGUAGES"])
    # The repository's own content folder, beside the settings file (tasks.py's default --content).
    # (Called for every item: plain string joins, no file-system call; SETTINGS_FILE is absolute.)
    own = os.path.join(os.path.dirname(settings.get("SETTINGS_FILE") or "pelicanconf.py"), "content")
    return tuple(load_vocabulary(settings["PATH"], settings[key], languages, os.path.join(own, settings[key]))
                 for key in ("TOPICS_FILE", "AUTHORS_FILE"))


def jsonld_helper(authors):
    """publication_jsonld(article) for templates, with this build's author vocabulary."""

    @pass_context
    def jsonld_for(ctx, article):
        domain, lang = ctx["SITE_DOMAIN"], ctx["DEFAULT_LANG"]
        translations = ctx["SITE_INDEX"].translations(lang, article.url)
        return publication_jsonld(
            url=f"{domain}/{article.url}",
            title=article.title,
            summary=Markup(article.summary).striptags(),
            lang=lang,
            type_code=article.type,
            published=article.date.date().isoformat(),
            modified=(getattr(article, "modified", None) or article.date).date().isoformat(),
            authors=[(authors.get(a.name, "kind", "person").title(), authors.label(a.name, lang))
                     for a in article.authors],
            publisher={"name": ctx["SITENAME"], "url": f"{domain}/{ctx['LANG_PREFIX']}"},
            pdf_url=f"{domain}/{article.pdf['path']}" if getattr(article, "pdf", None) else None,
            cover_url=f"{domain}/{article.cover}" if getattr(article, "cover", None) else None,
            translations=[(code, f"{domain}/{url}") for code, url in translations.items() if code != lang],
        )

    return jsonld_for


def setup_environment(env, settings):
    lang = settings["DEFAULT_LANG"]
    topics, authors = vocabularies(settings)  # loading here stops a bad vocabulary before any file is read
    if settings.get("AUTHOR") and not authors.present:
        raise authors.missing(authors.rel_path, settings["AUTHOR"], None, "default author")
    if settings.get("AUTHOR") and settings["AUTHOR"] not in authors:
        raise ContentError(authors.rel_path, t("the default author '{code}' (AUTHOR in the settings) is not listed here",
                                               code=settings["AUTHOR"]),
                           hint=t("add it, with its name in every language"))
    env.globals.update(
        type_label=type_label,
        category_label=category_label,
        type_url=lambda code: f"{settings['LANG_PREFIX']}types/{code}/",
        publication_jsonld=jsonld_helper(authors),
    )
    env.filters["topic_label"] = lambda tag: topics.label(str(tag), lang)
    env.filters["author_label"] = lambda author: authors.label(str(author), lang)
