"""schema.org JSON-LD for a publication page, so search engines read type, date and PDF."""

from safety.embedded import script_json

from .labels import SCHEMA_TYPES


def publication_jsonld(*, url, title, summary, lang, type_code, published, modified, authors,
                       publisher, pdf_url=None, cover_url=None, translations=()):
    """A JSON string (sorted keys: the same input gives the same bytes)."""
    data = {
        "@context": "https://schema.org",
        "@type": SCHEMA_TYPES[type_code],
        "headline": title,
        "name": title,
        "description": summary,
        "inLanguage": lang,
        "url": url,
        "datePublished": published,
        "dateModified": modified,
        "author": [{"@type": kind, "name": name} for kind, name in authors],
        "publisher": {"@type": "Organization", "name": publisher["name"], "url": publisher["url"]},
    }
    if pdf_url:
        data["encoding"] = {"@type": "MediaObject", "contentUrl": pdf_url, "encodingFormat": "application/pdf"}
    if cover_url:
        data["image"] = cover_url
    if translations:
        data["workTranslation"] = [{"@type": "CreativeWork", "url": u, "inLanguage": code} for code, u in translations]
    return script_json(data)  # no "<", ">" or "&": nothing in a title can end the <script> or start markup
