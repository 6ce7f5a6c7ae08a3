"""Violation datasets: validation with file and line, aggregation, chart lines (plugins/charts)."""

from pathlib import Path

import pytest

from bilingual.errors import ContentError
from charts import aggregate
from charts.directive import DirectiveError, check_spec, parse_directive
from charts.embed import embed_charts
from charts.schema import parse_codes, parse_dataset
from charts.store import DataStore

HERE = Path(__file__).parent / "charts"
LANGUAGES = ("ar", "en")
CODES_TEXT = (HERE / "codes.yaml").read_text(encoding="utf-8")
DATASET_TEXT = (HERE / "q1.yaml").read_text(encoding="utf-8")
PATH = "data/violations/q1.yaml"


def dimensions():
    return parse_codes(CODES_TEXT, "data/violation-codes.yaml", LANGUAGES)


def dataset(text=DATASET_TEXT):
    return parse_dataset(text, PATH, LANGUAGES, dimensions())


def store():
    data = dataset()
    return DataStore({data.id: data}, dimensions())


# name: (text to replace in q1.yaml, replacement, line the message names, words it contains)
BROKEN_DATASETS = {
    "malformed YAML": ("unit: {ar: انتهاكات, en: violations}", "unit: {ar: انتهاكات, en: [violations}", 6, "malformed YAML"),
    "count is text": ("status: removed, count: 7}", "status: removed, count: seven}", 15, "'seven' is not a whole number"),
    "count is a fraction": ("count: 7}", "count: 7.5}", 15, "not a whole number"),
    "negative count": ("count: 3}", "count: -3}", 16, "negative"),
    "unknown platform": ("platform: tiktok, type: content-removal, status: rejected",
                         "platform: tiktk, type: content-removal, status: rejected", 16, "did you mean 'tiktok'?"),
    "unknown dimension": ("dimensions: [platform, type, status]", "dimensions: [platfrom, type, status]", 10,
                          "did you mean 'platform'?"),
    "bad month": ("{period: '2023-02', platform: tiktok", "{period: '2023-13', platform: tiktok", 16,
                  "'2023-13' is not a month"),
    "a day where a month belongs": ("start: '2023-01'", "start: 2023-01-01", 4, "is a day"),
    "period outside the dataset": ("{period: '2023-03', platform: facebook", "{period: '2023-04', platform: facebook", 17,
                                   "outside the dataset's period"),
    "duplicate row": ("status: restored, count: 1000}", "status: rejected, count: 1000}\n"
                      "  - {period: '2023-03', platform: tiktok, type: content-removal, status: rejected, count: 1}", 19,
                      "repeats the one on line 18"),
    "missing English title": ("title: {ar: انتهاكات الربع الأول, en: Violations in the first quarter}",
                              "title: {ar: انتهاكات الربع الأول}", 3, "title has no label in en"),
    "missing field in a row": ("{period: '2023-02', platform: instagram, type: hate-speech, status: removed, count: 7}",
                               "{period: '2023-02', platform: instagram, status: removed, count: 7}", 15, "has no type"),
    "unknown granularity": ("granularity: month", "granularity: monthly", 5, "did you mean 'month'?"),
    "id differs from the file name": ("id: q1", "id: q2", 2, "differs from the file name"),
    "unknown field": ("sample: true", "sampel: true", 9, "did you mean 'sample'?"),
    "sample is not true or false": ("sample: true", "sample: maybe", 9, "true or false"),
    "unsafe YAML tag": ("sample: true", "sample: !!python/name:os.system", 9, "unreadable value"),
    "impossible day": ("start: '2023-01'", "start: 2023-02-30", 4, "unreadable value: day is out of range for month"),
}


@pytest.mark.parametrize("case", BROKEN_DATASETS)
def test_broken_dataset_names_file_and_line(case):
    old, new, line, words = BROKEN_DATASETS[case]
    assert old in DATASET_TEXT
    with pytest.raises(ContentError) as caught:
        dataset(DATASET_TEXT.replace(old, new, 1))
    error = caught.value
    assert (error.path, error.line) == (PATH, line), error.describe()
    assert words in error.describe()


BROKEN_CODES = {
    "code without an Arabic label": ("tiktok: {ar: تيك توك, en: TikTok}", "tiktok: {en: TikTok}", 6, "no label in ar"),
    "dimension without codes": ("  codes:\n    content-removal", "  kodes:\n    content-removal", 8, "exactly 'label:' and 'codes:'"),
    "label in an unknown language": ("instagram: {ar: إنستغرام, en: Instagram}",
                                     "instagram: {ar: إنستغرام, en: Instagram, fr: Instagram}", 5, "'fr' is not a language"),
}


@pytest.mark.parametrize("case", BROKEN_CODES)
def test_broken_codes_file_names_file_and_line(case):
    old, new, line, words = BROKEN_CODES[case]
    assert old in CODES_TEXT
    with pytest.raises(ContentError) as caught:
        parse_codes(CODES_TEXT.replace(old, new, 1), "data/violation-codes.yaml", LANGUAGES)
    assert (caught.value.path, caught.value.line) == ("data/violation-codes.yaml", line), caught.value.describe()
    assert words in caught.value.describe()


def test_dataset_reads_every_field():
    data = dataset()
    assert (data.id, data.granularity, data.start, data.end, data.sample) == ("q1", "month", "2023-01", "2023-03", True)
    assert data.periods() == ["2023-01", "2023-02", "2023-03"]
    assert data.title["en"] == "Violations in the first quarter"
    assert len(data.rows) == 7 and data.rows[0] == {"period": "2023-01", "platform": "facebook",
                                                    "type": "content-removal", "status": "restored", "count": 10}


def test_aggregation_groups_filters_shares_and_runs_over_time():
    rows = dataset().rows
    assert aggregate.total(rows) == 1060
    assert aggregate.group(rows, "platform", ["facebook", "instagram", "tiktok"]) == [
        ("facebook", 45), ("instagram", 12), ("tiktok", 1003)]
    assert aggregate.group(rows, "platform", ["facebook", "tiktok"], where={"type": {"hate-speech"}}) == [
        ("facebook", 15), ("tiktok", 0)]
    removal = {"type": {"content-removal"}}
    assert aggregate.share(rows, {"status": {"restored"}}, removal) == (1015, 1038)
    assert aggregate.over_time(rows, ["2023-01", "2023-02", "2023-03"], removal) == [
        ("2023-01", 35), ("2023-02", 3), ("2023-03", 1000)]
    assert aggregate.cross(rows, "platform", ["facebook"], "status", ["restored", "removed"]) == {
        "facebook": [("restored", 10), ("removed", 15)]}
    assert aggregate.ratio(1, 0) == 0.0


@pytest.mark.parametrize("line, words", [
    ("q2 by=platform", "unknown dataset 'q2'"),
    ("q1 by=platfrom", "did you mean 'platform'?"),
    ("q1 by=platform kind=pie", "unknown chart kind 'pie'"),
    ("q1 by=platform kind=stacked", "needs stack=DIMENSION"),
    ("q1 by=platform kind=share share=status:restord", "did you mean 'restored'?"),
    ("q1 by=platform colour=red", "unknown chart option 'colour'"),
    ("q1 kind=line by=platform", "runs over time"),
    ("q1 by=platform where=type", "is not a filter"),
    ("by=platform", "does not name a dataset"),
])
def test_wrong_chart_lines_are_explained(line, words):
    with pytest.raises(DirectiveError) as caught:
        check_spec(parse_directive(line), store())
    assert words in f"{caught.value.message} {caught.value.hint}"


def test_chart_line_errors_name_the_markdown_file_and_line():
    source = "Title: T\nDate: 2023-01-01\n\nText.\n\n{chart q1 by=platfrom}\n"
    with pytest.raises(ContentError) as caught:
        embed_charts("<p>Text.</p>\n<p>{chart q1 by=platfrom}</p>", source, "news/t.en.md", store())
    assert (caught.value.path, caught.value.line) == ("news/t.en.md", 6)


def test_a_chart_line_markdown_did_not_make_a_paragraph_is_an_error_not_a_silent_loss():
    # The Markdown extension gives every chart line its own paragraph (test_chart_lines.py);
    # should one still be lost (e.g. Python-Markdown's attr_list reading it as attributes), the build stops.
    source = "Title: T\n\nText.\n{chart q1 by=platform}\n"
    with pytest.raises(ContentError) as caught:
        embed_charts('<p by="platform">Text.</p>', source, "news/t.en.md", store())
    assert caught.value.line == 4 and "paragraph of its own" in str(caught.value.message)


def test_chart_lines_in_code_blocks_stay_code():
    source = "Title: T\n\n```\n{chart q1 by=platform}\n```\n\n{chart q1 by=type}\n"
    html = "<pre><code>{chart q1 by=platform}\n</code></pre>\n<p>{chart q1 by=type}</p>"
    content, specs = embed_charts(html, source, "news/t.en.md", store())
    assert [spec.by for spec in specs] == ["type"]
    assert "<code>{chart q1 by=platform}" in content and 'data-chart="0"' in content


@pytest.mark.parametrize("name", ["violations-2021.yaml", "violations-2022.yaml"])
def test_fast_row_reading_gives_what_pyyaml_gives(name):
    # rows.py reads one-line rows without PyYAML; a trailing space after "rows:" forces PyYAML.
    from charts.rows import split_rows
    text = (HERE.parent.parent / "content" / "data" / "violations" / name).read_text(encoding="utf-8")
    codes = parse_codes((HERE.parent.parent / "content" / "data" / "violation-codes.yaml").read_text(encoding="utf-8"),
                        "codes", LANGUAGES)
    assert split_rows(text) is not None and split_rows(text.replace("\nrows:\n", "\nrows: \n")) is None
    fast = parse_dataset(text, f"data/violations/{name}", LANGUAGES, codes)
    slow = parse_dataset(text.replace("\nrows:\n", "\nrows: \n"), f"data/violations/{name}", LANGUAGES, codes)
    assert fast == slow and len(fast.rows) > 100


@pytest.mark.parametrize("row", ["{period: '2023-01', platform: facebook, type: content-removal, status: restored, count: 010}",
                                 "{period: '2023-01', platform: facebook, type: content-removal, status: no, count: 1}",
                                 "{period: '2023-01', platform: facebook, platform: tiktok, status: restored, count: 1}"])
def test_rows_yaml_reads_its_own_way_are_left_to_pyyaml(row):
    from charts.rows import split_rows
    assert split_rows(f"id: x\nrows:\n  - {row}\n") is None
