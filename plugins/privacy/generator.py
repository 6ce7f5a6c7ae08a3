"""Output Pelican does not make: the sign-up pages of each language and the `_headers` file."""

from pathlib import Path

from pelican.generators import Generator

from .headers import render_headers_file

# neutral path → template; written under each language's prefix
PAGES = {"subscribe/": "subscribe", "subscribe/thanks/": "subscribe_thanks"}


class PrivacyGenerator(Generator):
    def url_for(self, path):
        return self.settings["LANG_PREFIX"] + path

    def listing_urls(self):
        # Reported to the SiteIndex so both languages' pages link to each other and the sitemap lists them.
        return [self.url_for(path) for path in PAGES]

    def generate_output(self, writer):
        for path, name in PAGES.items():
            url = self.url_for(path)
            writer.write_file(url + "index.html", self.get_template(name), self.context,
                              relative_urls=self.settings["RELATIVE_URLS"], template_name=name,
                              url=url, listing_url=url, page_name=url + "index",
                              signup_in_page=name == "subscribe")  # the footer then leaves its form out
        if self.settings["DEFAULT_LANG"] == self.settings["MAIN_LANG"]:  # one file for the whole site
            text = render_headers_file(self.settings["PRIVACY"].header_lines)
            (Path(self.output_path) / "_headers").write_text(text, encoding="utf-8")
