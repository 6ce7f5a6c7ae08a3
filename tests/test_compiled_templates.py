"""Compiled templates shared between Jinja environments (bilingual/compiled.py): never stale, never another's."""

import shutil

from conftest import ROOT, TinySite
from jinja2 import DictLoader, Environment

from bilingual.compiled import SharedBytecode

PAGE = {"news/a.ar.md": "Title: أ\nDate: 2023-02-20\nSummary: أ.\n\nنص.\n",
        "news/a.en.md": "Title: A\nDate: 2023-02-20\nSummary: A.\n\nText.\n"}


def test_environments_with_other_options_do_not_share_code():
    cache = SharedBytecode()
    source = {"t.html": "{% if true %}\n  x\n{% endif %}\n"}
    trimmed = Environment(loader=DictLoader(source), trim_blocks=True, lstrip_blocks=True, bytecode_cache=cache)
    plain = Environment(loader=DictLoader(source), bytecode_cache=cache)
    assert trimmed.get_template("t.html").render() == "  x\n"
    assert plain.get_template("t.html").render() == "\n  x\n"
    again = Environment(loader=DictLoader(source), trim_blocks=True, lstrip_blocks=True, bytecode_cache=cache)
    assert again.get_template("t.html").render() == "  x\n"
    assert len(cache.store) == 2


def test_a_template_edited_between_two_builds_in_one_process_is_compiled_again(tmp_path):
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "themes" / "base", theme)
    site = TinySite(tmp_path / "site").write(PAGE)
    site.build(THEME=str(theme))
    assert "edited-template-marker" not in site.read("en/news/a/index.html")
    base = theme / "templates" / "base.html"
    base.write_text(base.read_text(encoding="utf-8").replace("</body>", "<!-- edited-template-marker --></body>"),
                    encoding="utf-8")
    site.build(THEME=str(theme))
    assert "edited-template-marker" in site.read("en/news/a/index.html")
