"""Output Pelican does not make: the sign-up pages of each language and the `_headers` file."""

from pathlib import Path

from pelican.generators import Generator

from .headers import render_headers_file

# neutral path → (template, in the sitemap?); written under each language's prefix
PAGES = {"subscribe/": ("subscribe", True), "subscribe/thanks/": ("subscribe_thanks", False)}


class PrivacyGenerator(Generator):
    def url_for(self, path):
        return self.settings["LANG_PREFIX"] + path

    # Both reported to the SiteIndex, so each page links to its translation; thanks pages stay out of the sitemap.
    def listing_urls(self):
        return [self.url_for(path) for path, (_, listed) in PAGES.items() if listed]

    def unlisted_urls(self):
        return [self.url_for(path) for path, (_, listed) in PAGES.items() if not listed]

    def generate_output(self, writer):
        for path, (name, _) in PAGES.items():
            url = self.url_for(path)
            writer.write_file(url + "index.html", self.get_template(name), self.context,
                              relative_urls=self.settings["RELATIVE_URLS"], template_name=name,
                              url=url, listing_url=url, page_name=url + "index",
                              signup_in_page=name == "subscribe")  # the footer then leaves its form out
        if self.settings["DEFAULT_LANG"] == self.settings["MAIN_LANG"]:  # one file for the whole site
            text = render_headers_file(self.settings["PRIVACY"].header_lines)
            (Path(self.output_path) / "_headers").write_text(text, encoding="utf-8")
