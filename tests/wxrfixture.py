"""A realistic WordPress export (WXR 1.2), written in code: Polylang pairs, Gutenberg and classic bodies,
shortcodes, an embedded video, attachments (a PDF, images), percent-encoded Arabic slugs, categories, tags."""

import io
from urllib.parse import quote
from xml.sax.saxutils import escape

from PIL import Image

BASE = "https://7amleh.org"
AR_REPORT = quote("تقرير-الخصوصية-الرقمية").lower()
AR_NEWS = quote("حملة-تطلق-دليل-الأمان").lower()
AR_ABOUT = quote("من-نحن").lower()
AR_CATEGORY = quote("تقارير").lower()
AR_TAG = quote("خصوصية").lower()


def item(number, kind, title, name, link, body="", lang=None, group=None, status="publish", parent=0,
         date="2023-02-20 10:00:00", terms=(), meta=(), attachment_url="", excerpt=""):
    cats = list(terms)
    if lang:
        cats.append(("language", lang, lang))
    if group:
        cats.append(("post_translations", group, group))
    categories = "".join(f'<category domain="{d}" nicename="{n}"><![CDATA[{label}]]></category>' for d, n, label in cats)
    metas = "".join(f"<wp:postmeta><wp:meta_key>{k}</wp:meta_key><wp:meta_value><![CDATA[{v}]]></wp:meta_value>"
                    f"</wp:postmeta>" for k, v in meta)
    attachment = f"<wp:attachment_url>{attachment_url}</wp:attachment_url>" if attachment_url else ""
    return f"""
<item>
 <title>{escape(title)}</title>
 <link>{link}</link>
 <pubDate>Mon, 20 Feb 2023 08:00:00 +0000</pubDate>
 <dc:creator><![CDATA[admin]]></dc:creator>
 <guid isPermaLink="false">{BASE}/?p={number}</guid>
 <description></description>
 <content:encoded><![CDATA[{body}]]></content:encoded>
 <excerpt:encoded><![CDATA[{excerpt}]]></excerpt:encoded>
 <wp:post_id>{number}</wp:post_id>
 <wp:post_date><![CDATA[{date}]]></wp:post_date>
 <wp:post_date_gmt><![CDATA[{date}]]></wp:post_date_gmt>
 <wp:comment_status>closed</wp:comment_status>
 <wp:post_name><![CDATA[{name}]]></wp:post_name>
 <wp:status><![CDATA[{status}]]></wp:status>
 <wp:post_parent>{parent}</wp:post_parent>
 <wp:menu_order>0</wp:menu_order>
 <wp:post_type><![CDATA[{kind}]]></wp:post_type>
 {attachment}{categories}{metas}
</item>"""


def wxr(items, terms=""):
    return f"""<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
 <title>حملة</title>
 <link>{BASE}</link>
 <language>ar</language>
 <wp:wxr_version>1.2</wp:wxr_version>
 <wp:base_site_url>{BASE}</wp:base_site_url>
 <wp:base_blog_url>{BASE}</wp:base_blog_url>
 {terms}
 {"".join(items)}
</channel>
</rss>
""".encode("utf-8")


def jpeg(colour=(200, 120, 40), size=(64, 48)):
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "JPEG")
    return buffer.getvalue()


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
UPLOADS = {
    "2023/02/privacy-chart.jpg": jpeg((10, 90, 160)),
    "2023/02/cover.jpg": jpeg(),
    "2023/02/training-1.jpg": jpeg((40, 160, 40)),
    "2023/02/training-2.jpg": jpeg((160, 40, 40)),
    "2023/02/privacy-report.pdf": PDF,
    "2023/02/ورشة.jpg": jpeg((90, 90, 90)),
}
UP = f"{BASE}/wp-content/uploads/2023/02"

POLYLANG_TERMS = """
 <wp:term><wp:term_id>2</wp:term_id><wp:term_taxonomy>language</wp:term_taxonomy><wp:term_slug>ar</wp:term_slug><wp:term_name>العربية</wp:term_name></wp:term>
 <wp:term><wp:term_id>3</wp:term_id><wp:term_taxonomy>language</wp:term_taxonomy><wp:term_slug>en</wp:term_slug><wp:term_name>English</wp:term_name></wp:term>
 <wp:term><wp:term_id>9</wp:term_id><wp:term_taxonomy>post_translations</wp:term_taxonomy><wp:term_slug>pll_report</wp:term_slug><wp:term_name>pll_report</wp:term_name><wp:term_description><![CDATA[a:2:{s:2:"ar";i:10;s:2:"en";i:11;}]]></wp:term_description></wp:term>
"""

GUTENBERG_AR = f"""<!-- wp:paragraph -->
<p>يعرض هذا التقرير واقع الخصوصية الرقمية في فلسطين، ونتائج استطلاع شمل ألف مشارك ومشاركة.</p>
<!-- /wp:paragraph -->

<!-- wp:heading -->
<h2>أبرز النتائج</h2>
<!-- /wp:heading -->

<!-- wp:image {{"id":24,"sizeSlug":"large"}} -->
<figure class="wp-block-image size-large"><img src="{UP}/privacy-chart-1024x768.jpg" alt="رسم بياني لنتائج الاستطلاع" class="wp-image-24"/></figure>
<!-- /wp:image -->

<!-- wp:list -->
<ul><li>ثلثا المشاركين لا يثقون بالمنصات</li><li>نصفهم غيّر إعدادات الخصوصية</li></ul>
<!-- /wp:list -->

<!-- wp:embed {{"url":"https://www.youtube.com/watch?v=dQw4w9WgXcQ","type":"video","providerNameSlug":"youtube"}} -->
<figure class="wp-block-embed is-type-video"><div class="wp-block-embed__wrapper">
https://www.youtube.com/watch?v=dQw4w9WgXcQ
</div></figure>
<!-- /wp:embed -->

<!-- wp:paragraph -->
<p>اقرأوا <a href="{BASE}/?p=12">خبر إطلاق الدليل</a> و<a href="{UP}/privacy-report.pdf">التقرير الكامل</a>.</p>
<!-- /wp:paragraph -->"""

GUTENBERG_EN = f"""<!-- wp:paragraph -->
<p>This report describes digital privacy in Palestine, with the results of a survey of a thousand people.</p>
<!-- /wp:paragraph -->

<!-- wp:heading -->
<h2>Key findings</h2>
<!-- /wp:heading -->

<!-- wp:paragraph -->
<p>Read the <a href="{BASE}/en/about-us/">about page</a> and <a href="https://example.org/partner">our partner</a>.</p>
<!-- /wp:paragraph -->"""

CLASSIC_AR = f"""أطلقت حملة اليوم دليلاً للأمان الرقمي للصحفيين.
يشرح الدليل &lt;script&gt; كيف تحمون حساباتكم.

[caption id="attachment_25" align="alignnone" width="640"]<img class="size-full wp-image-25" src="{UP}/%D9%88%D8%B1%D8%B4%D8%A9.jpg" alt="" width="640" height="480" /> ورشة تدريب في رام الله[/caption]

[gallery ids="21,22"]

https://www.youtube.com/watch?v=abc123XYZ_-

اقرأوا <a href="{BASE}/2023/02/20/{AR_REPORT}/">تقرير الخصوصية</a>.<script>alert(1)</script>

[contact-form-7 id="5" title="Contact"]"""


def export():
    report_ar = f"{BASE}/2023/02/20/{AR_REPORT}/"
    items = [
        item(10, "post", "تقرير الخصوصية الرقمية", AR_REPORT, report_ar, GUTENBERG_AR, "ar", "pll_report",
             terms=[("category", AR_CATEGORY, "تقارير"), ("post_tag", AR_TAG, "خصوصية")]),
        item(11, "post", "Digital Privacy Report", "digital-privacy-report",
             f"{BASE}/en/2023/02/20/digital-privacy-report/", GUTENBERG_EN, "en", "pll_report",
             terms=[("category", "reports", "Reports"), ("post_tag", "privacy", "Privacy")],
             meta=[("_thumbnail_id", "20")], excerpt="A survey of digital privacy in Palestine."),
        item(12, "post", "حملة تطلق دليل الأمان الرقمي", AR_NEWS, f"{BASE}/2023/03/01/{AR_NEWS}/", CLASSIC_AR, "ar",
             date="2023-03-01 09:30:00", terms=[("category", quote("أخبار").lower(), "أخبار")]),
        item(13, "page", "About us", "about-us", f"{BASE}/en/about-us/", "<p>7amleh is a digital-rights centre.</p>",
             "en", "pll_about"),
        item(14, "page", "من نحن", AR_ABOUT, f"{BASE}/{AR_ABOUT}/", "<p>حملة مركز للحقوق الرقمية.</p>", "ar",
             "pll_about"),
        item(15, "post", "Trashed", "trashed", f"{BASE}/trashed/", "x", "en", status="trash"),
        item(16, "nav_menu_item", "Menu", "16", f"{BASE}/?p=16"),
        item(20, "attachment", "Cover", "cover", f"{BASE}/en/2023/02/20/digital-privacy-report/cover/", parent=11,
             status="inherit", attachment_url=f"{UP}/cover.jpg", meta=[("_wp_attachment_image_alt", "Report cover")]),
        item(21, "attachment", "Training day one", "training-1", f"{BASE}/?attachment_id=21", parent=12,
             status="inherit", attachment_url=f"{UP}/training-1.jpg"),
        item(22, "attachment", "Training day two", "training-2", f"{BASE}/?attachment_id=22", parent=12,
             status="inherit", attachment_url=f"{UP}/training-2.jpg"),
        item(23, "attachment", "privacy-report", "privacy-report", f"{report_ar}privacy-report/", parent=10,
             status="inherit", attachment_url=f"{UP}/privacy-report.pdf"),
        item(24, "attachment", "privacy-chart", "privacy-chart", f"{report_ar}privacy-chart/", parent=10,
             status="inherit", attachment_url=f"{UP}/privacy-chart.jpg"),
        item(25, "attachment", "ورشة", quote("ورشة").lower(), f"{BASE}/?attachment_id=25", parent=12,
             status="inherit", attachment_url=f"{UP}/{quote('ورشة')}.jpg"),
    ]
    return wxr(items, POLYLANG_TERMS)


def write_uploads(folder):
    for rel, data in UPLOADS.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return folder


MAPPING = f"""defaults:
  post: news
categories:
  "reports":
    folder: publications
    type: report
    topic: privacy
  "تقارير":
    folder: publications
    type: report
  "أخبار":
    folder: news
tags:
  "privacy":
    topic: privacy
  "خصوصية":
    topic: privacy
"""
