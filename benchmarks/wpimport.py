"""The cost of `invoke import wordpress` on a generated export: N posts per language, paired by Polylang,
Gutenberg bodies with pictures, links between posts, an embedded video, categories and tags; every post's
picture in a local uploads folder. Prints the first import's and a re-run's time and the report.

    .venv/bin/python -m benchmarks.wpimport [--items 2000]
"""

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "plugins"), str(ROOT), str(ROOT / "tests")]
os.environ.setdefault("SITE_MESSAGES", "en")

import wxrfixture as wx  # noqa: E402
from tooling.wpimport.run import run_import  # noqa: E402

WORDS_AR = "حملة تقرير الحقوق الرقمية الفلسطينية المراقبة الخصوصية خطاب الكراهية المنصات الشباب".split()
WORDS_EN = "report digital rights palestinian surveillance privacy hate speech platforms youth".split()


def body(n, lang, words):
    text = " ".join(words[(n + i) % len(words)] for i in range(60))
    other = f"{wx.BASE}/?p={2 * ((n + 7) % N) + 1000 + (lang == 'en')}"
    return (f"<!-- wp:paragraph --><p>{text}</p><!-- /wp:paragraph -->"
            f"<!-- wp:heading --><h2>{words[n % len(words)]}</h2><!-- /wp:heading -->"
            f'<!-- wp:image --><figure><img src="{wx.UP}/post-{n}-1024x768.jpg" alt="{words[1]} {n}"/></figure>'
            f"<!-- /wp:image --><!-- wp:paragraph --><p>{text} <a href=\"{other}\">{words[2]}</a></p>"
            f"<!-- /wp:paragraph -->"
            f'<!-- wp:embed {{"url":"https://www.youtube.com/watch?v=v{n}"}} --><figure>https://www.youtube.com/watch?v={n}'
            f"</figure><!-- /wp:embed -->")


def generate(folder):
    items, uploads = [], folder / "uploads"
    picture = wx.jpeg()
    (uploads / "2023/02").mkdir(parents=True)
    for n in range(N):
        ar_id, en_id = 1000 + 2 * n, 1001 + 2 * n
        group = f"pll_{n}"
        title_ar = f"{WORDS_AR[n % 10]} {WORDS_AR[(n + 3) % 10]} رقم {n}"
        name_ar = quote(title_ar.replace(" ", "-")).lower()
        date = f"20{10 + n % 14:02d}-{1 + n % 12:02d}-{1 + n % 28:02d} 10:00:00"
        terms = [("category", ["reports", "news"][n % 2], "x"), ("post_tag", WORDS_EN[n % 10], WORDS_EN[n % 10])]
        items.append(wx.item(ar_id, "post", title_ar, name_ar, f"{wx.BASE}/{date[:10].replace('-', '/')}/{name_ar}/",
                             body(n, "ar", WORDS_AR), "ar", group, date=date, terms=terms))
        items.append(wx.item(en_id, "post", f"Item {n} on {WORDS_EN[n % 10]}", f"item-{n}",
                             f"{wx.BASE}/en/{date[:10].replace('-', '/')}/item-{n}/", body(n, "en", WORDS_EN), "en",
                             group, date=date, terms=terms))
        (uploads / f"2023/02/post-{n}.jpg").write_bytes(picture)
    export = folder / "export.xml"
    export.write_bytes(wx.wxr(items, wx.POLYLANG_TERMS))
    return export, uploads


def main():
    global N
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=2000, help="posts per language")
    N = parser.parse_args().items
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        export, uploads = generate(folder)
        content = folder / "content"
        (content / "data").mkdir(parents=True)
        (content / "data/topics.yaml").write_text((ROOT / "content/data/topics.yaml").read_text(encoding="utf-8"))
        print(f"export: {export.stat().st_size / 1e6:.1f} MB, {2 * N} posts, {N} pictures")
        for label in ("first import", "re-run (nothing changes)"):
            started, cpu = time.perf_counter(), time.process_time()
            lines = run_import(export, content=content, uploads=uploads, map_path=None, languages=["ar", "en"],
                               default_lang="ar", fallback_topics=ROOT / "content/data/topics.yaml")
            print(f"{label}: {time.perf_counter() - started:.1f} s wall, {time.process_time() - cpu:.1f} s CPU")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak memory: {peak:.0f} MiB\n--- the re-run's report ---")
        print("\n".join(str(line) for line in lines))


N = 2000
if __name__ == "__main__":
    main()
