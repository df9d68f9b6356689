"""Mentions: subjects carried across clauses, breakdowns, catalog fields — on the domain's own examples."""

from nlp.prose.mentions import find_mentions


def _mentions(text):
    return find_mentions(text, [(0, len(text))])


def test_subject_carried_across_clauses():
    ms = _mentions("受理12345热线来电21876件，办结21802件，办结率99.66%。")
    assert [(m.value, m.field) for m in ms] == [
        (21876, "hotline.received"),
        (21802, "hotline.closed"),
        (99.66, "hotline.closure_rate"),
    ]
    assert all(m.channel and "热线" in m.channel for m in ms)


def test_mailbox_figures():
    ms = _mentions("转办市长信箱群众来信189件，已办结189件，办复率100%。")
    assert [m.field for m in ms] == ["mailbox.received", "mailbox.closed", "mailbox.reply_rate"]


def test_total_and_breakdown():
    ms = _mentions("共解读文件政策27次，其中图文解读26次、视频解读1次。")
    assert [m.field for m in ms] == ["interpretation.total", "interpretation.graphic", "interpretation.video"]
    assert ms[1].parent == 0 and ms[2].parent == 0


def test_two_figures_one_subject():
    ms = _mentions("全年共发行《政府公报》3期1500册。")
    assert [(m.value, m.unit, m.field) for m in ms] == [(3, "期", "gazette.issues"), (1500, "册", "gazette.copies")]


def test_applications_and_carry_over():
    ms = _mentions("收到并办理信息公开申请20件，办理完成19件（结转下年度继续办理1件）。")
    assert [(m.value, m.field) for m in ms] == [
        (20, "requests.received"),
        (19, "requests.completed"),
        (1, "requests.carried_over"),
    ]


def test_spans_point_at_the_figure():
    text = "通过市人民政府网站主动公开政府信息3000余条，政务新媒体发布各类政府信息1万余条。"
    ms = _mentions(text)
    assert [text[m.start : m.end] for m in ms] == ["3000余条", "1万余条"]
    assert [m.field for m in ms] == ["proactive.website_items", "proactive.new_media_items"]


def test_generated_reports_figures_and_fields(tmp_path):
    import nlp
    from corpus.synth.generate import make_report, write_text

    total = found = fields = right = 0
    for seed in range(8):
        synth = make_report(seed)
        write_text(synth, tmp_path / f"r{seed}.txt")
        report = nlp.extract(tmp_path / f"r{seed}.txt")
        for f in synth.figures:
            total += 1
            found += any((m.value, m.unit, m.qualifier) == (f.value, f.unit, f.qualifier) for m in report.mentions)
            if f.field:
                fields += 1
                right += f.field in report.fields and report.fields[f.field].value == f.value
    assert found / total >= 0.98 and right / fields >= 0.95


def test_unpaid_fee_is_a_zero_figure():
    [m] = _mentions("2024年，全年未收取信息处理费。")
    assert (m.value, m.unit, m.field) == (0, "元", "fees.collected")
