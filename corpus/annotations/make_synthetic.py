"""Write corpus/annotations/synthetic.jsonl: invented report sentences with NER spans and figures.

    python corpus/annotations/make_synthetic.py      # deterministic (fixed seed); then run split.py

Sentences are written in a small inline markup, then converted to offsets:

    [[3000余条|proactive.website_items|政府信息|公开|3000|more_than|条]]   a figure (QUANTITY/PERCENT/MONEY)
    <<12345热线>>                                                       a CHANNEL
    {{2021年|year}}                                                     a negative: a number that is NOT a figure

A figure's value/unit/qualifier is written by the generator that chose the number and checked
against normalise.py, which reads them back from the printed text. Hand-written sentences
(FIXED) give only text|field|subject|action; their value comes from normalise.py.
Nothing is copied from real reports; agencies, places and numbers are invented.
"""
from __future__ import annotations

import json
import math
import random
import re
import sys
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from normalise import normalise  # noqa: E402

HERE = Path(__file__).resolve().parent
OUT = HERE / "synthetic.jsonl"
R = random.Random(49)
SPACED = False          # PDF-like gaps around digits ("3000 余条") in the sentence being written
LABEL_OF_TYPE = {"count": "QUANTITY", "percent": "PERCENT", "money": "MONEY"}

# ---------------------------------------------------------------- numbers as printed


def cn(n: int, liang: bool = False) -> str:
    """Chinese numerals: 12 -> 十二, 2000 -> 二千 (两千 with liang), 25000 -> 二万五千."""
    digits = "零一二三四五六七八九"

    def four(k: int) -> str:
        out, zero = "", False
        for step, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
            d = k // step % 10
            if d == 0:
                zero = bool(out)
                continue
            if zero:
                out += "零"
                zero = False
            out += digits[d] + unit
        return out

    if n == 0:
        return "零"
    if n >= 10000:
        hi, lo = divmod(n, 10000)
        s = four(hi) + "万" + (("零" if lo < 1000 else "") + four(lo) if lo else "")
    else:
        s = four(n)
    if s.startswith("一十"):
        s = s[1:]
    if liang and s[0] == "二" and len(s) == 2 and s[1] in "百千万":
        s = "两" + s[1:]
    return s


def cn_friendly(n: int) -> bool:
    return 0 < n <= 99 or (n < 100000 and len(str(n).rstrip("0")) <= 2)


def wan(n: int) -> str:
    return format((Decimal(n) / 10000).normalize(), "f")


def sig_floor(n: int, sig: int) -> int:
    p = 10 ** max(len(str(n)) - sig, 0)
    return n // p * p


def sig_ceil(n: int, sig: int) -> int:
    p = 10 ** max(len(str(n)) - sig, 0)
    return -(-n // p) * p


def sig_round(n: int, sig: int) -> int:
    p = 10 ** max(len(str(n)) - sig, 0)
    return (n + p // 2) // p * p


STYLE_WEIGHTS = {"exact": 7, "yu": 2.2, "duo": 0.6, "jin": 1.1, "yue": 0.9, "zuoyou": 0.5,
                 "chao": 0.9, "yishang": 0.8, "wan": 0.9}


def _num_text(r: int, cn_ok: bool, wan_ok: bool = True) -> tuple[str, bool]:
    """A round number as arabic, 万-form or Chinese numerals; True when arabic (may be spaced)."""
    options = ["ar", "ar"]
    if wan_ok and r >= 10000 and r % 100 == 0:
        options = options + ["wan", "wan"] if r < 100000 else ["wan"]
    if cn_ok and cn_friendly(r):
        options += ["cn"]
    pick = R.choice(options)
    if pick == "wan":
        return wan(r) + "万", True
    if pick == "cn":
        return cn(r, liang=R.random() < 0.7), False
    return str(r), True


def render_count(n: int, unit: str, style: str | None = None, cn_ok: bool = True):
    """(text, value, qualifier) of a count of n things as a report would print it."""
    if style is None:
        allowed = {k: w for k, w in STYLE_WEIGHTS.items()
                   if k == "exact" or (k == "wan" and n >= 10000) or (k == "yishang" and n >= 10)
                   or (k not in ("wan", "yishang") and n >= 20)}
        style = R.choices(list(allowed), weights=list(allowed.values()))[0]
    pre, post, after = "", "", ""
    if style == "exact":
        value = n
        if cn_ok and n <= 99 and R.random() < 0.22:
            num, arabic = ("两" if n == 2 else cn(n)), False
        else:
            num, arabic = str(n), True
        qual = "exact"
    elif style == "wan":
        value = sig_round(n, R.choice([2, 3]))
        value = max(value, 10000)
        num, arabic = wan(value) + "万", True
        qual = "exact"
    else:
        sig = 1 if n < 100 else R.choice([1, 2, 2])
        if style in ("yu", "duo", "chao", "yishang"):
            value = sig_floor(n, sig)
        elif style == "jin":
            value = sig_ceil(n, sig)
            if value == n:
                value = sig_ceil(n + 1, sig)
        else:
            value = sig_round(n, sig)
        if value == 0:
            value = 10 ** (len(str(n)) - 1)
        num, arabic = _num_text(value, cn_ok)
        qual = {"yu": "more_than", "duo": "more_than", "chao": "more_than", "jin": "nearly", "yue": "about",
                "zuoyou": "about", "yishang": "at_least"}[style]
        if style == "yu":
            after = "余"
        elif style == "duo":
            after = "多"
        elif style == "jin":
            pre = R.choice(["近", "近", "将近"])
        elif style == "yue":
            pre = "约"
        elif style == "chao":
            pre = R.choice(["超过", "逾", "超"])
        elif style == "zuoyou":
            post = "左右"
        elif style == "yishang":
            post = "以上"
    if SPACED and arabic:   # PDF text: gaps around the digits only ("超 300 万人次", "3000 余条")
        digits = re.match(r"\d+(?:\.\d+)?", num).group()
        text = f"{pre}{' ' if pre else ''}{digits} {num[len(digits):]}{after}{unit}{post}"
        return text, value, qual, True
    return f"{pre}{num}{after}{unit}{post}", value, qual, False


def fig(text, field, subject, action, value, qual, unit, spaced_before=False) -> str:
    lead = " " if spaced_before else ""
    return f"{lead}[[{text}|{field or '-'}|{subject}|{action or '-'}|{value}|{qual}|{unit}]]"


def Q(n: int, unit: str, field: str | None, subject: str, action: str | None, style: str | None = None,
      cn_ok: bool = True) -> str:
    """A count figure in markup."""
    text, value, qual, spaced = render_count(n, unit, style, cn_ok)
    return fig(text, field, subject, action, value, qual, unit, spaced)


def rate(part: int, whole: int) -> str:
    return pct_str(100 * part / whole if whole else 100)


def pct_str(v: float) -> str:
    s = f"{v:.2f}".rstrip("0").rstrip(".")
    return s


def cn_decimal(s: str) -> str:
    whole, _, frac = s.partition(".")
    out = cn(int(whole))
    if frac:
        out += "点" + "".join("零一二三四五六七八九"[int(d)] for d in frac)
    return out


def P(v: str, field: str | None, subject: str, action: str | None, style: str | None = None) -> str:
    """A percentage in markup; v as printed in arabic ('99.73')."""
    value = float(v) if "." in v else int(v)
    qual = "exact"
    if style is None:
        style = R.choices(["ar", "fw", "cn"], weights=[8, 1.2, 0.6 if value != 100 else 1.5])[0]
    if style == "ar":
        text = f"{v}%"
    elif style == "fw":
        text = f"{v}％"
    elif style == "cn":
        text = "百分之百" if value == 100 else "百分之" + cn_decimal(v)
    else:   # 成: style like "cheng", "chao_cheng", "jin_cheng", "cheng_yishang"
        tenth = int(value) // 10
        text = cn(tenth) + "成"
        value = tenth * 10
        if style == "chao_cheng":
            text, qual = R.choice(["超", "超过"]) + text, "more_than"
        elif style == "jin_cheng":
            text, qual = "近" + text, "nearly"
        elif style == "cheng_yishang":
            text, qual = text + "以上", "at_least"
    gap = " " if SPACED and style in ("ar", "fw") else ""
    return fig(text, field, subject, action, value, qual, "%", bool(gap))


def M(amount: str, unit: str, field: str | None, subject: str, action: str | None, pre: str = "") -> str:
    """Money in markup; amount as printed, unit 元 / 万元 / 亿元 kept."""
    value = float(amount) if "." in amount else int(amount)
    qual = {"": "exact", "约": "about", "近": "nearly", "超过": "more_than"}[pre]
    gap = " " if SPACED else ""
    return fig(f"{pre}{amount}{gap}{unit}", field, subject, action, value, qual, unit, bool(gap))


def C(text: str) -> str:
    return f"<<{text}>>"


def N(text: str, kind: str) -> str:
    return f"{{{{{text}|{kind}}}}}"


def pick(*options):
    return R.choice(options)


# ---------------------------------------------------------------- non-figure numbers and lead-ins

DOC_PREFIXES = ["云政办发", "岚政发", "澄政办发", "柏政办", "望政办发", "溪政发", "兰政办函", "汀政办发", "川政办发"]
PLACES = ["云川", "岚江", "澄源", "望湖", "溪宁", "柏城", "汀州", "兰皋", "北塘", "清溪", "石岭", "青岚"]
AGENCIES = ["市政府办公室", "县政府办公室", "区政府办公室", "市数据局", "县政务服务管理办公室", "市司法局", "区教育局",
            "县卫生健康委员会", "市生态环境局", "市住房和城乡建设局", "县人力资源和社会保障局", "区市场监督管理局",
            "市交通运输局", "县自然资源局", "镇人民政府", "街道办事处", "本机关"]
STREETS = ["府前路", "人民大道", "迎宾东路", "行政中心路", "滨江北路", "文昌街", "建设南路", "和平西街"]
LEVEL = ["市", "县", "区"]


def year() -> int:
    return R.randint(2019, 2025)


def YR(y: int | None = None) -> str:
    y = y or year()
    return N(f"{y} 年" if SPACED else f"{y}年", "year")


def DATE(y: int | None = None, end: bool = True) -> str:
    y = y or year()
    if end:
        return N(f"{y}年12月31日", "date")
    m = R.randint(1, 12)
    return N(f"{y}年{m}月{R.randint(1, 28)}日", "date")


def DOC(y: int | None = None) -> str:
    y = y or R.randint(2019, 2025)
    return N(f"{R.choice(DOC_PREFIXES)}〔{y}〕{R.randint(2, 98)}号", "doc_number")


def growth() -> str:
    v = pct_str(R.uniform(1, 45))
    return pick(f"同比增长{N(v + '%', 'growth_rate')}", f"较上年增长{N(v + '%', 'growth_rate')}",
                f"同比提升{N(pct_str(R.uniform(0.2, 9)) + '个百分点', 'growth_rate')}",
                f"同比下降{N(pct_str(R.uniform(1, 20)) + '%', 'growth_rate')}",
                f"增幅达{N(v + '%', 'growth_rate')}")


def LEAD(p: float = 0.6, level: str | None = None, agency: bool = True) -> str:
    """How sentences of section 一 often open: a year, a date, a sub-point number, a document."""
    if R.random() > p:
        return ""
    lv = level or R.choice(LEVEL)
    y = year()
    options = [
        lambda: YR(y) + "，",
        lambda: YR(y) + f"，我{lv}",
        lambda: YR(y) + "，" + (R.choice(AGENCIES) if agency else "我" + lv),
        lambda: "报告期内，",
        lambda: "截至" + DATE(y) + "，",
        lambda: N(f"{y}年1月至12月", "date") + "，",
        lambda: N(R.choice(["一是", "二是", "三是", "四是"]), "numbering"),
        lambda: N(R.choice(["（一）", "（二）", "（三）", "（四）"]), "numbering")
        + R.choice(["基本情况。", "工作成效。", "主要做法。", "推进落实情况。"]),
        lambda: N(R.choice(["1.", "2.", "3."]), "numbering") + R.choice(["工作成效。", "主要数据。", "落实情况。"]),
        lambda: "按照《" + YR(y) + "政务公开工作要点》（" + DOC(y) + "）要求，",
        lambda: "根据" + YR(y) + "度政务公开工作考核要求，",
        lambda: "围绕“" + N("十四五", "ordinal") + "”规划重点任务，",
        lambda: "今年以来，",
        lambda: "依据《条例》" + N(R.choice(["第十九条", "第二十条", "第二十一条"]), "ordinal") + "规定，",
    ]
    return R.choice(options)()


def TAIL(kind: str = "generic") -> str:
    r = R.random()
    if r < 0.55:
        return "。"
    generic = ["，让群众看得到、读得懂、能监督。", "，信息发布的及时性进一步增强。", "，" + growth() + "。",
               "，" + growth() + "。", "，公开质效稳步提升。"]
    by_kind = {
        "hotline": ["，群众诉求得到及时回应。", "，" + growth() + "。", "，做到“事事有回音、件件有着落”。",
                    "，实行" + N("24小时", "time") + "值守。"],
        "requests": ["，均在法定期限内予以答复。", "，全部依法依规作出答复。", "，" + growth() + "。",
                     "，无超期答复情况。"],
        "review": ["，均已依法妥善处理。", "，未发生被纠错的情况。", "。"],
    }
    return R.choice(by_kind.get(kind, generic) + (generic if kind == "generic" else []))


# ---------------------------------------------------------------- sentence templates
# Each returns one sentence in markup. Registered with how many instances to draw.

TEMPLATES: list[tuple[int, object]] = []


def template(count: int):
    def register(fn):
        TEMPLATES.append((count, fn))
        return fn
    return register


def HL() -> str:
    return C(pick("12345热线", "12345热线", "12345政务服务便民热线", "12345政务服务热线", "12345便民服务热线"))


def MB() -> str:
    return C(pick("市长信箱", "市长信箱", "县长信箱", "区长信箱", "书记信箱", "领导信箱", "局长信箱"))


def WEB(lv: str | None = None) -> str:
    lv = lv if lv is not None else pick("市", "县", "区", "")
    if not lv:
        return C(pick("政府网站", "政府门户网站"))
    return lv + C(pick("政府网站", "政府门户网站", "人民政府网站", "政府门户网站"))


# --- hotline

@template(7)
def t_hotline_three():
    a = R.randint(3000, 120000)
    b = a - R.randint(0, max(1, a // 150))
    subj = pick("诉求件", "群众诉求", "工单", "诉求")
    verb = pick("结案", "办结", "办理完成")
    rate_word = pick("办结率", "结案率", "按时办结率")
    recv = pick("受理", "接收", "承接")
    first, link = pick(("全年" + recv + HL() + subj, "，已"), (HL() + "全年共" + recv + subj, "，其中"), (HL() + "平台" + recv + subj, "，"))
    growth_part = "，" + growth() if R.random() < 0.3 else ""
    return (LEAD(agency=False) + first + Q(a, "件", "hotline.received", subj, recv, style=pick("exact", "exact", None))
            + growth_part + link + verb + Q(b, "件", "hotline.closed", subj, verb, style="exact")
            + "，" + rate_word + pick("", "为", "达") + P(rate(b, a), "hotline.closure_rate", subj, rate_word) + TAIL("review"))


@template(5)
def t_hotline_calls():
    a = R.randint(20000, 400000)
    w = R.randint(a // 5, a // 2)
    sat = pct_str(R.uniform(92, 99.9))
    verb = pick("接听", "接听", "受理")
    made = pick("形成", "生成", "派发")
    return (LEAD() + HL() + "全年" + verb + "群众来电" + Q(a, "通", "hotline.received", "群众来电", verb)
            + "，" + made + "工单" + Q(w, "件", None, "工单", made) + "，"
            + pick("按期办结率", "按时办结率", "办结率") + P(pct_str(R.uniform(97, 100)), "hotline.closure_rate", "工单", "办结率")
            + "，群众满意率" + P(sat, "hotline.satisfaction_rate", "工单", "满意率") + "。")


@template(5)
def t_hotline_wan():
    a = R.randint(12000, 260000)
    b = a - R.randint(0, a // 100)
    sat = pct_str(R.uniform(90, 99.5))
    verb = pick("收到", "接收", "受理")
    return (LEAD(agency=False) + "通过" + HL() + "共" + verb + "群众反映问题" +
            Q(a, "件", "hotline.received", "群众反映问题", verb, style=pick("wan", "yu", "chao"))
            + "，已办理完成" + Q(b, "件", "hotline.closed", "群众反映问题", "办理完成", style=pick("wan", "yu", "exact"))
            + "，回访满意度达" + P(sat, "hotline.satisfaction_rate", "群众反映问题", "满意度") + TAIL("hotline"))


@template(5)
def t_hotline_department():
    a = R.randint(150, 6000)
    parts = sorted(R.sample(range(1, a), 2))
    x, y, z = parts[0], parts[1] - parts[0], a - parts[1]
    return (LEAD(0.5) + HL() + "转办" + pick("我局", "我委", "本部门", "本单位") + "工单" + Q(a, "件", "hotline.received", "工单", "转办", style="exact")
            + "，其中咨询类" + Q(x, "件", None, "咨询类", None, style="exact") + "、投诉举报类"
            + Q(y, "件", None, "投诉举报类", None, style="exact") + "、意见建议类" + Q(z, "件", None, "意见建议类", None, style="exact")
            + "，办结率" + P(pick("100", "100", pct_str(R.uniform(98, 99.99))), "hotline.closure_rate", "工单", "办结率") + "。")


@template(4)
def t_hotline_name_only():
    a = R.randint(40, 900)
    return (LEAD(0.4) + "对群众拨打" + C("12345") + "反映的" + Q(a, "件", "hotline.received", "问题", "反映")
            + "政务公开相关问题逐一核实、限时答复，" + pick("办结率", "按时办结率") + P(pick("100", pct_str(R.uniform(97, 99.9))),
                                                       "hotline.closure_rate", "问题", "办结率", style=pick("ar", "cn")) + "。")


@template(4)
def t_hotline_traffic():
    a = R.randint(50000, 900000)
    return (LEAD(0.5) + HL() + "全年话务总量" + Q(a, "通", "hotline.received", "话务", "话务总量", style=pick("wan", "yu", "exact"))
            + "，接通率" + P(pct_str(R.uniform(90, 99.8)), None, "话务", "接通率") + "，" + N("一次性", "term") + "办结率"
            + P(pct_str(R.uniform(60, 95)), "hotline.closure_rate", "话务", "一次性办结率") + "。")


@template(3)
def t_hotline_satisfaction_growth():
    sat = pct_str(R.uniform(90, 99.6))
    return (LEAD(0.6) + HL() + "工单回访满意率为" + P(sat, "hotline.satisfaction_rate", "工单", "满意率") + "，较上年提高"
            + N(pct_str(R.uniform(0.3, 6)) + "个百分点", "growth_rate") + "，" + pick("群众获得感进一步增强。", "服务质效持续提升。"))


@template(3)
def t_hotline_knowledge():
    return (LEAD(0.5) + "更新" + HL() + "政策知识库条目" + Q(R.randint(200, 5000), "条", None, "政策知识库条目", "更新")
            + "，" + pick("确保话务人员答复口径统一。", "提升" + N("一次性", "term") + "解答率。") )


# --- mailbox

@template(6)
def t_mailbox_three():
    a = R.randint(40, 2500)
    b = a - R.choice([0, 0, 0, R.randint(1, max(1, a // 40))])
    verb = pick("转交", "受理", "收到", "处理")
    subj = pick("群众来信", "来信", "网民来信")
    rw = pick("办复率", "回复率", "答复率")
    cverb = pick("办结", "办复", "回复")
    unit = pick("件", "件", "封")
    head = pick(MB() + "全年" + verb + subj, "经" + MB() + verb + subj, MB() + "年内共" + verb + subj)
    return (LEAD() + head + Q(a, unit, "mailbox.received", subj, verb, style="exact")
            + "，截至年底" + cverb + Q(b, unit, "mailbox.closed", subj, cverb, style="exact") + "，" + rw + pick("为", "达到", "")
            + P(rate(b, a), "mailbox.reply_rate", subj, rw) + TAIL("review"))


@template(4)
def t_mailbox_two_boxes():
    a = R.randint(80, 3000)
    verb = pick("收到", "受理")
    first, second = R.sample(["市长信箱", "县长信箱", "书记信箱", "领导信箱", "区长信箱"], 2)
    return (LEAD(0.5) + C(first) + "、" + C(second) + "共" + verb + "来信"
            + Q(a, "封", "mailbox.received", "来信", verb) + "，均在规定时限内回复，回复率"
            + P("100", "mailbox.reply_rate", "来信", "回复率", style=pick("ar", "cn")) + "。")


@template(4)
def t_mailbox_messages():
    a = R.randint(100, 4000)
    b = a - R.randint(0, a // 50)
    return (LEAD() + "通过" + MB() + "受理群众留言" + Q(a, "条", "mailbox.received", "群众留言", "受理")
            + "，答复" + Q(b, "条", "mailbox.closed", "群众留言", "答复", style="exact") + "，答复率"
            + P(rate(b, a), "mailbox.reply_rate", "群众留言", "答复率") + "。")


@template(4)
def t_mailbox_breakdown():
    a = R.randint(60, 1200)
    x = R.randint(a // 3, a // 2)
    b = a - R.randint(0, 5)
    return (LEAD(0.5) + MB() + "全年收到咨询、投诉、建议类信件" + Q(a, "件", "mailbox.received", "信件", "收到", style="exact")
            + "，其中咨询类" + Q(x, "件", None, "咨询类", None, style="exact") + "，按期办结"
            + Q(b, "件", "mailbox.closed", "信件", "办结", style="exact") + "，在" + N(pick("5个工作日", "7个工作日", "15个工作日"), "time_limit")
            + "内完成回复。")


@template(3)
def t_mailbox_rate_only():
    word = pick("办复率", "回复率", "按期办结率")
    return (LEAD(0.6) + MB() + "来信" + word + "达"
            + P(pick("100", "100", pct_str(R.uniform(95, 99.9))), "mailbox.reply_rate", "来信", word)
            + "，" + pick("群众反映的问题均得到有效回应。", "较上年进一步提升。", growth() + "。"))


@template(3)
def t_mailbox_pre_number():
    a = R.randint(30, 700)
    return (LEAD(0.5) + "对" + MB() + "收到的" + Q(a, "封", "mailbox.received", "来信", "收到")
            + "群众来信逐件登记、分类转办，" + pick("做到件件有回音。", "办理情况在网站定期公开。"))


# --- requests

@template(6)
def t_requests_done_over():
    c = R.randint(1, 12)
    b = R.randint(5, 900)
    a = b + c
    who = pick("群众", "申请人", "公民、法人和其他组织")
    return (LEAD() + "共收到" + who + "提交的政府信息公开申请" + Q(a, "件", "requests.received", "政府信息公开申请", "收到", style="exact")
            + "，已答复办结" + Q(b, "件", "requests.completed", "政府信息公开申请", "答复办结", style="exact")
            + "，尚余" + Q(c, "件", "requests.carried_over", "政府信息公开申请", "转入下一年度", style="exact", cn_ok=False)
            + pick("因需征求第三方意见", "因申请人补正材料", "因涉及部门较多") + "转入下一年度办理" + TAIL("requests"))


@template(6)
def t_requests_in_out():
    a = R.randint(30, 4000)
    ci = R.randint(1, 60)
    co = R.randint(1, min(120, a // 3))
    b = a + ci - co
    return (LEAD() + pick("全市", "全县", "全区", "") + "本年度受理政府信息公开申请"
            + Q(a, "件", "requests.received", "政府信息公开申请", "受理", style="exact")
            + "，连同上年度结转的" + Q(ci, "件", "requests.carried_in", "申请", "上年度结转", style="exact", cn_ok=False)
            + "，全年作出答复" + Q(b, "件", "requests.completed", "政府信息公开申请", "答复", style="exact")
            + "，剩余" + Q(co, "件", "requests.carried_over", "申请", "结转下年度", style="exact", cn_ok=False)
            + "结转下年度" + TAIL("requests"))


@template(5)
def t_requests_table_style():
    a = R.randint(10, 2000)
    ci = R.randint(0, 30)
    co = R.randint(0, min(40, a // 3))
    b = a + ci - co
    return (LEAD(0.5) + "本年度新收政府信息公开申请" + Q(a, "件", "requests.received", "政府信息公开申请", "新收", style="exact")
            + "，上年结转" + Q(ci, "件", "requests.carried_in", "政府信息公开申请", "上年结转", style="exact", cn_ok=False)
            + "，本年度办结" + Q(b, "件", "requests.completed", "政府信息公开申请", "办结", style="exact")
            + "，结转下年度继续办理" + Q(co, "件", "requests.carried_over", "政府信息公开申请", "结转下年度", style="exact", cn_ok=False) + "。")


@template(4)
def t_requests_applicants():
    a = R.randint(20, 3000)
    x = R.randint(a // 2, a - 1)
    how = pick("从申请人类型看，", "按申请主体分，", "")
    return (LEAD() + "全年共收到各类政府信息公开申请" + Q(a, "件", "requests.received", "政府信息公开申请", "收到", style="exact")
            + "，" + how + "自然人提出" + Q(x, "件", None, "自然人", "提出", style="exact") + "，法人或其他组织提出"
            + Q(a - x, "件", None, "法人或其他组织", "提出", style="exact") + "。")


@template(5)
def t_requests_outcomes():
    b = R.randint(40, 900)
    g = R.randint(b // 4, b // 2)
    d = R.randint(1, b // 10)
    u = b - g - d
    return (LEAD(0.4) + "全年办结依申请公开事项" + Q(b, "件", "requests.completed", "依申请公开事项", "办结", style="exact")
            + "。从办理结果看，予以公开和部分公开的" + Q(g, "件", None, "予以公开和部分公开", None, style="exact") + "，占比"
            + P(rate(g, b), None, "予以公开和部分公开", "占比") + "；不予公开的" + Q(d, "件", None, "不予公开", None, style="exact")
            + "，占比" + P(rate(d, b), None, "不予公开", "占比") + "；无法提供、不予处理等情形" + Q(u, "件", None, "不予处理等情形", None, style="exact")
            + "，占比" + P(rate(u, b), None, "不予处理等情形", "占比") + "。")


@template(4)
def t_requests_ways():
    a = R.randint(15, 600)
    x = R.randint(1, a // 2)
    y = R.randint(0, (a - x) // 2)
    return (LEAD() + "收到政府信息公开申请" + Q(a, "件", "requests.received", "政府信息公开申请", "收到", style="exact")
            + "，其中网上申请" + Q(a - x - y, "件", None, "网上申请", None, style="exact") + "、信函申请"
            + Q(x, "件", None, "信函申请", None, style="exact") + "、当面申请" + Q(y, "件", None, "当面申请", None, style="exact") + "。")


@template(4)
def t_requests_carried_in_done():
    ci = R.randint(1, 40)
    return (LEAD(0.3) + "上年度结转的" + Q(ci, "件", "requests.carried_in", "申请", "上年度结转", style="exact")
            + "申请已于" + N(f"{year()}年{R.randint(1, 3)}月", "date") + "前全部办结，" + pick("未产生新的争议。", "申请人均未提出异议。"))


@template(4)
def t_requests_carried_over_reason():
    co = R.randint(1, 25)
    return ("截至" + DATE() + "，尚有" + Q(co, "件", "requests.carried_over", "申请", "结转下年度", style="exact")
            + "申请因" + pick("需征求第三方意见", "申请人补正材料", "涉及多个部门协调") + "结转下年度继续办理。")


@template(3)
def t_requests_answer_rate():
    a = R.randint(20, 800)
    return (LEAD() + "受理依申请公开事项" + Q(a, "件", "requests.received", "依申请公开事项", "受理", style="exact")
            + "，按时答复率" + P("100", None, "依申请公开事项", "答复率", style=pick("ar", "cn")) + "，"
            + pick("答复文书全部经法律顾问审核。", "未发生超期答复情况。"))


# --- review and litigation

@template(5)
def t_review_litigation_pair():
    r = R.randint(0, 60)
    ll = R.randint(0, 40)
    unit = pick("件", "起")
    return (LEAD() + pick("发生", "办理", "涉及") + "政府信息公开行政复议" + Q(r, unit, "review.total", "行政复议", "行政复议", style="exact")
            + "、行政诉讼" + Q(ll, unit, "litigation.total", "行政诉讼", "行政诉讼", style="exact") + TAIL("review"))


@template(5)
def t_review_breakdown():
    parts = [R.randint(0, 80) for _ in range(4)]
    r = sum(parts)
    lp = [R.randint(0, 20) for _ in range(4)]
    ll = sum(lp)
    names = ["维持", "纠正", "其他结果", "尚未审结"]
    s = LEAD(0.4) + "涉及政府信息公开的行政复议案件" + Q(r, "件", "review.total", "行政复议案件", "行政复议", style="exact") + "（"
    s += "、".join(n + Q(v, "件", None, n, None, style="exact") for n, v in zip(names, parts))
    s += "），行政诉讼案件" + Q(ll, "件", "litigation.total", "行政诉讼案件", "行政诉讼", style="exact") + "（"
    s += "、".join(n + Q(v, "件", None, n, None, style="exact") for n, v in zip(names, lp))
    return s + "）。"


@template(4)
def t_review_verbs():
    r = R.randint(1, 30)
    ll = R.randint(1, 20)
    return (LEAD(0.5) + "因政府信息公开被申请行政复议" + Q(r, pick("件", "起"), "review.total", "行政复议", "被申请行政复议", style="exact")
            + "，被提起行政诉讼" + Q(ll, pick("件", "起"), "litigation.total", "行政诉讼", "提起", style="exact")
            + "，" + pick("无被纠错情况。", "其中被纠错" + Q(R.randint(1, 3), "件", None, "被纠错", "纠错", style="exact") + "。"))


@template(3)
def t_litigation_kinds():
    a = R.randint(1, 12)
    b = R.randint(1, 12)
    return (LEAD(0.4) + "全年涉及政府信息公开的行政诉讼案件" + Q(a + b, "件", "litigation.total", "行政诉讼案件", "行政诉讼", style="exact")
            + "，其中未经复议直接起诉" + Q(a, "件", None, "未经复议直接起诉", "起诉", style="exact") + "、复议后起诉"
            + Q(b, "件", None, "复议后起诉", "起诉", style="exact") + "。")


@template(3)
def t_review_pre_number():
    r = R.randint(2, 40)
    return (LEAD(0.4) + "共有" + Q(r, "件", "review.total", "行政复议", "行政复议", style="exact")
            + "政府信息公开申请答复被提起行政复议，" + pick("经复议均维持原答复。", "目前尚有部分案件未审结。"))


# --- training

@template(5)
def t_training_pair():
    s = R.randint(2, 30)
    p = R.randint(60, 3000)
    who = pick("干部", "工作人员", "政务公开专干")
    return (LEAD() + "组织政务公开业务培训" + Q(s, pick("次", "场", "期"), "training.sessions", "政务公开业务培训", "组织", style="exact")
            + "，培训" + who + Q(p, "人次", "training.participants", who, "培训") + TAIL())


@template(5)
def t_training_class():
    s = R.randint(1, 12)
    p = R.randint(50, 1500)
    k = R.randint(5, 30)
    topic = pick("政务公开", "政府信息公开", "依申请公开", C("政务新媒体") + "管理")
    return (LEAD() + "举办" + topic + "专题培训班" + Q(s, "期", "training.sessions", "专题培训班", "举办", style="exact")
            + "，参训人员" + Q(p, "人次", "training.participants", "参训人员", "参训") + "，培训覆盖"
            + Q(k, "个", None, "乡镇（街道）", "覆盖") + "乡镇（街道）。")


@template(4)
def t_training_pre_number():
    s = R.randint(2, 15)
    p = R.randint(80, 900)
    return (LEAD(0.5) + "组织" + Q(s, "次", "training.sessions", "业务培训", "组织", style="exact") + "全" + pick("市", "县", "区")
            + "政务公开工作人员业务培训，参训人员累计达" + Q(p, "人次", "training.participants", "参训人员", "参训",
                                                        style=pick("exact", "yu", "yishang", "duo")) + "。")


@template(4)
def t_training_sent():
    p = R.randint(2, 30)
    return (LEAD(0.5) + "选派" + Q(p, "名", "training.participants", "业务骨干", "参加", style="exact")
            + "业务骨干参加" + pick("省政务公开办", "市政务公开办", "上级部门") + "举办的业务培训，" + pick("学习先进经验。", "进一步提升业务能力。"))


@template(4)
def t_training_modes():
    s = R.randint(4, 30)
    x = R.randint(1, s - 1)
    return (LEAD() + "通过“线上+线下”方式开展培训" + Q(s, "场", "training.sessions", "培训", "开展", style="exact")
            + "，其中线上培训" + Q(x, "场", None, "线上培训", None, style="exact") + "、线下培训" + Q(s - x, "场", None, "线下培训", None, style="exact")
            + "，覆盖" + Q(R.randint(10, 120), "家", None, "单位", "覆盖") + "单位。")


@template(3)
def t_training_participants_only():
    p = R.randint(100, 4000)
    return (LEAD() + "采取以会代训、集中授课、现场指导等形式培训" + pick("基层", "各部门", "村（社区）") + "工作人员"
            + Q(p, "人次", "training.participants", "工作人员", "培训") + "，" + pick("实现培训全覆盖。", "业务水平明显提升。"))


# --- open day / online interviews

@template(4)
def t_open_day():
    e = R.randint(1, 20)
    guests = pick("人大代表、政协委员", "企业代表", "市民群众", "媒体记者和网民代表")
    return (LEAD() + "开展“政府开放日”活动" + Q(e, pick("次", "场"), "open_day.events", "政府开放日", "开展", style="exact")
            + "，邀请" + guests + Q(R.randint(30, 1200), "人次", None, guests, "邀请") + "走进" + pick("政务服务中心", "污水处理厂", N("12345", "hotline_name") + "热线中心", "重点项目现场")
            + "，" + pick("零距离感受政府工作。", "面对面听取意见建议。"))


@template(4)
def t_open_day_named():
    e = R.randint(1, 12)
    name = pick("“走进政府”开放日", "“政府开放日”", "“开放政府·阳光行”开放日", "“公众开放日”")
    return (LEAD() + "举办" + name + "活动" + Q(e, pick("场", "期", "次"), "open_day.events", name + "活动", "举办", style="exact")
            + "，参与群众" + Q(R.randint(40, 2000), "人", None, "参与群众", "参与") + "。")


@template(4)
def t_open_day_pre_number():
    e = R.randint(2, 16)
    return (LEAD(0.5) + "组织" + Q(e, "次", "open_day.events", "政府开放日活动", "组织", style="exact") + "政府开放日活动，"
            + "收集意见建议" + Q(R.randint(10, 300), "条", None, "意见建议", "收集") + "。")


@template(4)
def t_interviews():
    k = R.randint(2, 36)
    return (LEAD() + "开展在线访谈" + Q(k, pick("期", "场"), "online_interviews", "在线访谈", "开展", style="exact")
            + "，" + pick("部门主要负责人走进直播间", "围绕教育、医疗、就业等热点话题") + "解答网友提问"
            + Q(R.randint(20, 800), "个", None, "网友提问", "解答") + "。")


@template(4)
def t_interviews_pre():
    k = R.randint(2, 24)
    return (LEAD(0.5) + "组织" + Q(k, "场", "online_interviews", "访谈直播", "组织", style="exact")
            + "“" + pick("局长在线", "部门负责人谈政策", "民生面对面", "政风行风热线") + "”访谈直播，"
            + pick("在线答复群众咨询", "在线答复网民留言") + Q(R.randint(30, 900), "条", None, "在线答复", "答复") + "。")


@template(3)
def t_interviews_mixed():
    k = R.randint(3, 20)
    return (LEAD() + "在" + WEB() + "开设在线访谈栏目，全年直播" + Q(k, "期", "online_interviews", "在线访谈", "直播", style="exact")
            + "，并举办网络问政" + Q(R.randint(1, 12), "次", None, "网络问政", "举办", style="exact") + "。")


# --- fees

@template(4)
def t_fees_yuan():
    x = str(R.choice([R.randint(20, 9000), R.randint(100, 600)]))
    return (LEAD() + "收取" + pick("政府信息公开", "") + "信息处理费" + M(x, "元", "fees.collected", "信息处理费", "收取")
            + "，" + pick("全部缴入国库。", "已按规定上缴财政。", "均开具正式票据。") )


@template(3)
def t_fees_zero():
    return ("对照《政府信息公开信息处理费管理办法》（" + N("国办函〔2020〕109号", "doc_number") + "）的计收标准，"
            + YR() + "实际收取信息处理费" + M("0", "元", "fees.collected", "信息处理费", "收取") + "。")


@template(3)
def t_fees_applicants():
    k = R.randint(1, 9)
    amount = str(R.randint(50, 4000))
    return (LEAD(0.5) + "依法向" + Q(k, "名", None, "申请人", None, style="exact") + "申请人收取信息处理费共计"
            + M(amount, "元", "fees.collected", "信息处理费", "收取") + "，" + pick("收费标准在网站公开。", "未发生收费争议。"))


@template(2)
def t_fees_wan():
    amount = f"{R.uniform(1, 9):.2f}"
    return ("全年共计收取政府信息公开信息处理费" + M(amount, "万元", "fees.collected", "信息处理费", "收取") + "，已全额上缴财政。")


# --- other money (no field)

@template(3)
def t_money_fees_table():
    amount = f"{R.uniform(100, 200000):.{R.choice([1, 2, 4, 6])}f}"
    return ("依据《条例》" + N("第二十条第（八）项", "ordinal") + "，本年行政事业性收费金额为" + M(amount, "万元", None, "行政事业性收费", "收费") + "。")


@template(3)
def t_money_budget():
    amount = f"{R.uniform(1, 90):.2f}"
    return (LEAD(0.5) + "公开" + pick("年度部门预算", "财政预算", "民生实事项目资金") + "安排情况，涉及资金" + M(amount, "亿元", None, "资金", "涉及")
            + "，" + pick("接受社会监督。", "做到应公开尽公开。"))


@template(3)
def t_money_subsidy():
    amount = f"{R.uniform(1000, 50000):.6f}"
    k = R.randint(2000, 90000)
    return (LEAD(0.5) + "公开" + pick("惠民惠农财政补贴", "耕地地力保护补贴", "困难群众救助") + "资金发放信息，涉及群众"
            + Q(k, "户", None, "群众", "涉及") + "、资金" + M(amount, "万元", None, "资金", "发放") + "。")


# --- proactive publishing

@template(7)
def t_web_and_media():
    lv = pick("市", "县", "区")
    a = R.randint(800, 12000)
    b = R.randint(2000, 40000)
    v1, v2 = pick("公开", "发布"), pick("推送", "发布")
    first = pick("依托" + WEB(lv) + v1 + "政府信息", WEB(lv) + "全年" + v1 + "政府信息", "在" + WEB(lv) + v1 + "各类政府信息")
    second = pick("，借助" + C("政务新媒体") + v2 + "政务资讯", "；" + C("政务新媒体") + "同步" + v2 + "政务资讯",
                  "，" + C("政务新媒体") + "累计" + v2 + "政务资讯")
    return (LEAD(0.7, lv, agency=False) + first + Q(a, "条", "proactive.website_items", "政府信息", v1)
            + second + Q(b, "条", "proactive.new_media_items", "政务资讯", v2) + TAIL())


@template(6)
def t_items_total_breakdown():
    a = R.randint(1500, 30000)
    w = R.randint(a // 3, a // 2)
    m = R.randint(a // 5, a // 3)
    wechat = C(pick("微信公众号", "政务微信", "政务微博"))
    return (LEAD() + "累计发布各类政府信息" + Q(a, pick("条", "件"), "proactive.items_total", "政府信息", "发布")
            + "，其中通过" + WEB() + "发布" + Q(w, "条", "proactive.website_items", "政府信息", "发布")
            + "，通过" + wechat + "推送" + Q(m, "条", "proactive.new_media_items", "政府信息", "推送") + "。")


@template(6)
def t_items_total_simple():
    a = R.randint(500, 40000)
    return (LEAD(0.8, agency=False) + pick("全市", "全县", "全区", "我局", "本机关", "") + "共主动公开政府信息" + Q(a, pick("条", "条", "件"), "proactive.items_total", "政府信息", "主动公开")
            + pick("，内容涵盖机构职能、规划计划、财政资金、民生保障等方面", "，涉及重点领域信息的占比明显提高", "") + TAIL())


@template(4)
def t_items_total_with_policy():
    a = R.randint(800, 20000)
    pd = R.randint(5, 150)
    return (LEAD() + "主动公开政府信息" + Q(a, "条", "proactive.items_total", "政府信息", "主动公开")
            + "，其中" + (word := pick("规范性文件", "政策文件")) + Q(pd, "件", "proactive.policy_documents", word, "主动公开", style="exact")
            + "、" + pick("人事任免信息", "财政资金信息", "重大项目信息") + Q(R.randint(10, 500), "条", None, "信息", None) + "。")


@template(4)
def t_column():
    a = R.randint(200, 6000)
    col = C(pick("政府信息公开专栏", "政务公开专栏"))
    return (LEAD() + "在" + WEB() + col + "发布" + pick("政府信息", "各类信息") + Q(a, "条", "proactive.website_items", "信息", "发布")
            + "，" + pick("更新栏目", "新增专题栏目") + Q(R.randint(3, 40), "个", None, "栏目", None) + "。")


@template(4)
def t_web_visits():
    a = R.randint(1500, 15000)
    verb, visits = pick("发布", "更新"), pick("访问量", "浏览量")
    return (LEAD() + WEB() + "全年" + verb + "政务动态、通知公告等信息" + Q(a, "条", "proactive.website_items", "信息", verb)
            + "，网站" + visits + Q(R.randint(200000, 9000000), "人次", None, visits, None, style=pick("wan", "chao", "yu")) + "。")


@template(5)
def t_wechat_reads():
    name = pick("清风云川", "岚江发布", "澄源政务", "望湖之声", "溪宁发布", "柏城政务", "石岭发布")
    b = R.randint(300, 9000)
    return (LEAD() + "“" + name + "”" + C("微信公众号") + "全年推送信息" + Q(b, "条", "proactive.new_media_items", "信息", "推送")
            + "，阅读量" + Q(R.randint(100000, 20000000), "次", None, "阅读量", None, style=pick("wan", "chao", "yu")) + "。")


@template(4)
def t_weibo_douyin():
    return (LEAD() + C("政务微博") + "发布信息" + Q(R.randint(500, 12000), "条", "proactive.new_media_items", "信息", "发布")
            + "，" + C(pick("政务抖音号", "视频号")) + "发布短视频" + Q(R.randint(30, 900), "条", "proactive.new_media_items", "短视频", "发布") + "。")


@template(4)
def t_media_originals():
    b = R.randint(500, 8000)
    v = R.randint(50, b // 3)
    return (LEAD() + "依托" + C("政务新媒体") + "矩阵发布原创稿件" + Q(b, "篇", "proactive.new_media_items", "原创稿件", "发布")
            + "，其中短视频" + Q(v, "个", None, "短视频", None) + "，" + pick("打造了一批群众爱看的爆款作品。", "传播力明显增强。"))


@template(4)
def t_subset_null():
    area = pick("重大建设项目批准和实施领域信息", "公共资源配置领域信息", "财政预决算信息", "乡村振兴领域信息", "生态环境领域信息",
                "社会救助和社会福利领域信息")
    verb = pick("主动公开", "公开", "发布")
    return (LEAD() + verb + area + Q(R.randint(30, 3000), "条", None, area, verb)
            + "，" + pick("做到应公开尽公开。", "实现全流程公开。", "公开内容更加全面。"))


@template(3)
def t_three_public():
    return (LEAD() + "公开" + N("“三公”", "term") + "经费、部门预决算等信息" + Q(R.randint(10, 300), "条", None, "信息", "公开")
            + "，" + pick("主动接受社会监督。", "公开率" + P("100", None, "信息", "公开率", style=pick("ar", "cn")) + "。"))


# --- policy documents

@template(4)
def t_policy_simple():
    pd = R.randint(3, 120)
    word = pick("政策文件", "政策性文件")
    verb = pick("公开", "发布")
    return (LEAD(0.7) + "全年" + verb + word + Q(pd, pick("件", "个", "份"), "proactive.policy_documents", word, verb, style="exact") + TAIL())


@template(4)
def t_policy_two():
    lv = pick("市", "县", "区")
    return (LEAD() + "以" + lv + "政府名义印发规范性文件" + Q(R.randint(1, 40), "件", "proactive.policy_documents", "规范性文件", "印发", style="exact")
            + "、以" + lv + "政府办公室名义印发" + Q(R.randint(1, 40), "件", "proactive.policy_documents", "规范性文件", "印发", style="exact")
            + "，" + pick("均已在网站全文公开。", "全部纳入规范性文件库。") )


@template(4)
def t_policy_cleanup():
    a = R.randint(30, 400)
    x = R.randint(1, a // 4)
    y = R.randint(1, a // 4)
    return (LEAD() + "开展规范性文件清理，共清理" + Q(a, "件", None, "规范性文件", "清理", style="exact") + "，宣布废止"
            + Q(x, "件", None, "规范性文件", "废止", style="exact") + "、修改" + Q(y, "件", None, "规范性文件", "修改", style="exact")
            + "，继续有效" + Q(a - x - y, "件", None, "规范性文件", "继续有效", style="exact") + "。")


@template(4)
def t_policy_issued():
    pd = R.randint(2, 60)
    verb = pick("制发", "印发")
    return (LEAD() + verb + "行政规范性文件" + Q(pd, "件", "proactive.policy_documents", "行政规范性文件", verb, style="exact")
            + "，全部在" + WEB() + "“规范性文件”栏目集中公开，" + pick("并同步开展解读。", "实行统一登记、统一编号、统一公布。"))


@template(3)
def t_policy_library():
    pd = R.randint(60, 600)
    return (LEAD() + "建成规范性文件数据库，集中展示现行有效规范性文件" + Q(pd, "件", "proactive.policy_documents", "规范性文件", "展示", style="exact")
            + "，" + pick("并逐件标注有效状态。", "群众可按发文机关、年份检索。"))


# --- interpretation

@template(6)
def t_interp_breakdown():
    g = R.randint(5, 150)
    v = R.randint(1, 40)
    unit = pick("次", "篇", "件", "条")
    t = g + v
    head, subj, verb = pick(("全年推出政策解读", "政策解读", "推出"), ("发布政策解读材料", "政策解读材料", "发布"),
                            ("对重要政策文件开展解读", "重要政策文件", "解读"), ("围绕新出台政策累计解读", "新出台政策", "解读"))
    vname = pick("视频解读", "音视频解读", "动漫解读")
    return (LEAD() + head + Q(t, unit, "interpretation.total", subj, verb, style="exact")
            + "，其中图文解读" + Q(g, unit, "interpretation.graphic", "图文解读", "解读", style="exact")
            + "、" + vname + Q(v, unit, "interpretation.video", vname, "解读", style="exact")
            + pick("", "，另转载上级部门解读材料" + Q(R.randint(1, 30), "件", None, "上级部门解读材料", "转载", style="exact")) + "。")


@template(5)
def t_interp_graphic_media():
    g = R.randint(5, 80)
    v = R.randint(2, 40)
    gname = pick("“一图读懂”", "图解", "长图", "漫画")
    vname = pick("短视频", "动漫", "音频", "动画视频")
    return (LEAD() + "制作" + gname + "等图文解读产品" + Q(g, pick("期", "篇"), "interpretation.graphic", "图文解读产品", "制作", style="exact")
            + "，" + vname + "解读" + Q(v, "个", "interpretation.video", vname + "解读", "解读", style="exact")
            + "，" + pick("让政策“看得懂、用得上”。", "提升了解读的可读性和传播力。"))


@template(4)
def t_interp_leaders():
    t = R.randint(2, 30)
    return (LEAD() + pick("政府主要负责同志", "部门主要负责人", "单位负责人") + "通过撰写文章、接受访谈等方式解读重要政策"
            + Q(t, "次", "interpretation.total", "重要政策", "解读", style="exact") + "。")


@template(4)
def t_interp_rate():
    t = R.randint(10, 300)
    return (LEAD() + "坚持政策文件与解读材料同步起草、同步审签、同步发布，全年发布解读" + Q(t, pick("条", "篇"), "interpretation.total", "解读", "发布")
            + "，解读率达" + P("100", None, "解读", "解读率", style=pick("ar", "ar", "cn")) + "。")


@template(3)
def t_interp_share():
    t = R.randint(15, 200)
    x = R.randint(int(t * 0.6), t - 1)
    share = 100 * x / t
    style = pick("chao_cheng", "cheng_yishang", "jin_cheng" if share % 10 >= 7 else "chao_cheng")
    if style == "jin_cheng":
        share = (int(share) // 10 + 1) * 10
    return (LEAD() + "全年推出各类解读产品" + Q(t, "个", "interpretation.total", "解读产品", "推出", style="exact")
            + "，图表、短视频等可视化产品" + Q(x, "个", None, "可视化产品", None, style="exact")
            + "，占比" + P(str(int(share)), None, "可视化产品", "占比", style=style) + "。")


@template(3)
def t_interp_pre_number():
    g = R.randint(3, 40)
    return (LEAD(0.5) + "围绕" + pick("稳就业", "促消费", "优化营商环境", "医保报销", "义务教育招生") + "等热点推出"
            + Q(g, "期", "interpretation.graphic", "图解", "推出", style="exact") + "图解，" + pick("在网站和新媒体同步推送。", "方便群众快速掌握政策要点。"))


@template(3)
def t_interp_video_only():
    v = R.randint(2, 60)
    return (LEAD() + "录制政策解读短视频" + Q(v, "条", "interpretation.video", "政策解读短视频", "录制", style="exact")
            + "，" + pick("通过" + C("视频号") + "等渠道推送。", "邀请业务骨干“出镜”讲政策。"))


# --- press conferences

@template(4)
def t_press_simple():
    k = R.randint(2, 60)
    verb = pick("召开", "举行", "组织召开")
    return (LEAD() + verb + C("新闻发布会") + Q(k, pick("场", "次"), "press_conferences", "新闻发布会", verb, style="exact")
            + "，" + pick("及时发布权威信息", "主动回应社会关切", "解读重大政策") + "。")


@template(4)
def t_press_topics():
    k = R.randint(3, 40)
    topic = pick("优化营商环境", "城市更新", "民生实事", "乡村振兴", "安全生产", "防汛救灾")
    return (LEAD() + "聚焦" + topic + "，举办主题" + C("新闻发布会") + Q(k, "场", "press_conferences", "新闻发布会", "举办", style="exact")
            + "，发布权威信息" + Q(R.randint(30, 600), "条", None, "权威信息", "发布") + "。")


@template(4)
def t_press_leaders():
    k = R.randint(4, 40)
    return (LEAD() + "举办" + C("新闻发布会") + Q(k, "次", "press_conferences", "新闻发布会", "举办", style="exact")
            + "，其中政府主要负责同志出席" + Q(R.randint(1, 4), "次", None, "政府主要负责同志出席", "出席", style="exact") + "。")


@template(3)
def t_press_pre_number():
    k = R.randint(2, 30)
    return (LEAD(0.5) + "共召开" + Q(k, "场", "press_conferences", "新闻发布会", "召开", style="exact") + C("新闻发布会")
            + "，" + pick("邀请部门负责人现场答疑。", "回应社会关注热点问题。"))


# --- new media accounts

@template(4)
def t_accounts_run():
    k = R.randint(5, 200)
    return (LEAD() + "目前全" + pick("市", "县", "区") + "纳入管理的" + C("政务新媒体") + "共" + Q(k, "个", "new_media.accounts", "政务新媒体", "管理", style="exact")
            + "，季度抽查合格率达到" + P("100", None, "政务新媒体", "合格率", style=pick("ar", "cn")) + "。")


@template(4)
def t_accounts_open():
    k = R.randint(2, 30)
    return (LEAD() + "开设" + C("政务微博") + "、" + C("微信公众号") + "等新媒体账号" + Q(k, "个", "new_media.accounts", "新媒体账号", "开设", style="exact")
            + "，" + pick("形成矩阵联动。", "统一纳入备案管理。"))


@template(4)
def t_accounts_cleanup():
    return (LEAD() + "对" + C("政务新媒体") + "开展全面排查，关停整合" + Q(R.randint(1, 30), "个", None, "政务新媒体", "关停整合", style="exact")
            + "，注销僵尸账号" + Q(R.randint(1, 12), "个", None, "僵尸账号", "注销", style="exact") + "，现保留"
            + Q(R.randint(8, 90), "个", "new_media.accounts", "政务新媒体", "保留", style="exact") + "。")


@template(3)
def t_accounts_registered():
    return (LEAD() + "备案" + C("政务新媒体") + "账号" + Q(R.randint(10, 300), "个", "new_media.accounts", "账号", "备案", style="exact")
            + "，清理" + pick("“僵尸”账号", "僵尸账号", "长期不更新账号") + Q(R.randint(1, 9), "个", None, "账号", "清理", style="exact") + "。")


# --- gazette

@template(4)
def t_gazette_pair():
    place = R.choice(PLACES) + pick("市", "县", "区")
    verb = pick("发行", "编印", "出版")
    return (LEAD(agency=False) + pick("年内", "本年度", "全年") + verb + "《" + C(place + "人民政府公报") + "》"
            + Q(R.randint(3, 24), "期", "gazette.issues", "公报", verb, style="exact")
            + Q(R.randint(300, 8000), pick("册", "份"), "gazette.copies", "公报", verb, style=pick("exact", "exact", "yu")) + "。")


@template(4)
def t_gazette_per_issue():
    return (LEAD(agency=False) + "编印" + C("政府公报") + Q(R.randint(4, 24), "期", "gazette.issues", "政府公报", "编印", style="exact")
            + "，每期印制" + Q(R.randint(200, 2000), "份", None, "政府公报", "印制") + "，免费发放至" + pick("各乡镇", "图书馆、档案馆", "政务服务中心") + "。")


@template(4)
def t_gazette_year_total():
    place = R.choice(PLACES) + pick("市", "县")
    return ("《" + C(place + "政府公报") + "》全年出版" + Q(R.randint(4, 24), "期", "gazette.issues", "政府公报", "出版", style="exact")
            + "，累计印发" + Q(R.randint(1000, 30000), "份", "gazette.copies", "政府公报", "印发")
            + "，并在" + WEB() + "同步发布电子版。")


@template(3)
def t_gazette_pre_number():
    return (LEAD(0.5, agency=False) + "编发" + Q(R.randint(4, 12), "期", "gazette.issues", "政府公报", "编发", style="exact") + C("政府公报")
            + "，刊登规范性文件" + Q(R.randint(5, 60), "件", None, "规范性文件", "刊登", style="exact") + "。")


@template(3)
def t_gazette_copies_only():
    return (LEAD(agency=False) + "向" + pick("档案馆、图书馆和政务服务中心", "各村（社区）便民服务点", "公共查阅点") + "赠阅" + C("政府公报")
            + Q(R.randint(300, 6000), "册", "gazette.copies", "政府公报", "赠阅") + "。")


# --- other figures without a field

@template(3)
def t_opinions():
    return (LEAD() + "开展" + pick("重大行政决策", "规范性文件", "民生实事项目") + "意见征集" + Q(R.randint(3, 40), "期", None, "意见征集", "开展", style="exact")
            + "，收到意见建议" + Q(R.randint(10, 900), "条", None, "意见建议", "收到") + "，" + pick("采纳情况均已公开反馈。", "意见采纳情况及时向社会公布。"))


@template(3)
def t_proposals():
    x, y = R.randint(20, 400), R.randint(20, 400)
    subj = "人大代表建议和政协提案"
    return (LEAD() + "办理" + subj + Q(x + y, "件", None, subj, "办理", style="exact") + "，其中建议"
            + Q(x, "件", None, "建议", None, style="exact") + "、提案" + Q(y, "件", None, "提案", None, style="exact")
            + "，办复率均为" + P("100", None, subj, "办复率", style=pick("ar", "cn")) + "，" + pick("办理结果全部公开。", "复文全部公开。"))


@template(3)
def t_annual_reports():
    return (LEAD() + "完成" + Q(R.randint(20, 120), "家", None, "单位", "完成", style="exact") + "单位政府信息公开工作年度报告集中公开，"
            + pick("主动接受社会监督。", "统一发布、便于查阅。"))


@template(4)
def t_inspections():
    return (LEAD() + "开展政务公开专项检查" + Q(R.randint(2, 12), "次", None, "专项检查", "开展", style="exact") + "，印发通报"
            + Q(R.randint(1, 8), "期", None, "通报", "印发", style="exact") + "，督促整改问题" + Q(R.randint(10, 300), "个", None, "问题", "整改") + "。")


@template(4)
def t_zone():
    return (LEAD() + "在" + pick("各乡镇便民服务中心", "政务服务大厅", "村（社区）便民服务站") + "设立" + C("政务公开专区")
            + Q(R.randint(5, 300), "个", None, "政务公开专区", "设立", style="exact") + "，全年接待群众查询"
            + Q(R.randint(100, 9000), "人次", None, "群众", "接待") + "。")


@template(3)
def t_village_boards():
    return (LEAD() + "规范村（居）务公开栏" + Q(R.randint(40, 900), "个", None, "村（居）务公开栏", "规范", style="exact")
            + "，" + pick("做到定期更新、内容完整。", "实现村级事务“阳光运行”。"))


@template(3)
def t_catalog_items():
    return (LEAD() + "梳理公布" + pick("基层政务公开标准目录", "主动公开事项清单") + "事项" + Q(R.randint(100, 2000), "项", None, "事项", "梳理公布")
            + "，覆盖" + Q(R.randint(10, 30), "个", None, "领域", "覆盖", style="exact") + "领域。")


@template(3)
def t_enforcement():
    return (LEAD(0.4) + "依据《条例》" + N(pick("第二十条第（五）项", "第二十条第（六）项"), "ordinal") + "，公开行政许可决定"
            + Q(R.randint(1000, 400000), "件", None, "行政许可决定", "公开", style="exact") + "、行政处罚决定"
            + Q(R.randint(100, 90000), "件", None, "行政处罚决定", "公开", style="exact") + "。")


@template(3)
def t_public_opinion():
    return (LEAD() + "回应社会关切" + Q(R.randint(10, 400), "次", None, "社会关切", "回应") + "，处置涉政务舆情"
            + Q(R.randint(3, 80), "起", None, "涉政务舆情", "处置", style="exact") + "，" + pick("做到及时发声、正面引导。", "有效稳定社会预期。"))


@template(3)
def t_leaflets():
    return (LEAD() + "结合“" + pick("法治宣传月", "政务公开宣传周", "政策进社区") + "”活动，发放宣传资料" + Q(R.randint(500, 30000), "份", None, "宣传资料", "发放")
            + "，" + pick("现场解答群众咨询", "受益群众") + Q(R.randint(100, 5000), "人次", None, "群众", None) + "。")


@template(3)
def t_web_check():
    return (LEAD() + "对" + WEB() + "开展日常监测，全年检查页面" + Q(R.randint(2000, 90000), "个", None, "页面", "检查")
            + "，整改错链断链" + Q(R.randint(5, 300), "处", None, "错链断链", "整改", style="exact") + "，" + growth() + "。")


# --- preamble-like and hard negatives mixed with figures

@template(5)
def t_contact_with_figure():
    y = year()
    return ("对本报告内容有意见建议的，可联系" + R.choice(AGENCIES[:5]) + "（地址：" + N(R.choice(PLACES) + "市" + R.choice(STREETS) + f"{R.randint(1, 300)}号", "address")
            + "，邮编：" + N(f"{R.randint(10, 85)}{R.randint(0, 9999):04d}", "postcode") + "，电话：" + N(f"0{R.randint(371, 999)}-{R.randint(2000000, 89999999)}", "phone")
            + "）；" + YR(y) + "该电话共接听群众咨询" + Q(R.randint(20, 900), "次", None, "群众咨询", "接听") + "。")


@template(4)
def t_plan_ordinal_figure():
    return ("围绕国民经济和社会发展" + N("第十四个五年规划", "ordinal") + "和" + N("二〇三五年", "year") + "远景目标纲要，发布"
            + (what := pick("专项规划", "规划解读")) + Q(R.randint(2, 40), "篇", None, what, "发布", style="exact") + "。")


@template(4)
def t_sub_point_figures():
    a = R.randint(100, 3000)
    return (N(pick("一是", "二是", "三是"), "numbering") + "畅通" + HL() + "、" + MB() + "等互动渠道，" + YR() + "共办理" + MB()
            + "来信" + Q(a, "件", "mailbox.received", "来信", "办理", style="exact") + "；" + N(pick("四是", "五是"), "numbering")
            + "加强" + C("政务新媒体") + "管理。")


@template(4)
def t_time_service():
    return (C(pick("政务公开专区", "政府信息公开查阅点")) + "于工作日" + N(pick("8:30—12:00", "9:00-17:00", "上午9时至下午5时"), "time")
            + "对外开放，全年接待查阅群众" + Q(R.randint(50, 3000), "人次", None, "查阅群众", "接待") + "，提供"
            + "政策咨询" + Q(R.randint(20, 900), "次", None, "政策咨询", "提供") + "。")


@template(4)
def t_decree_numbers():
    return ("按照《中华人民共和国政府信息公开条例》（" + N(pick("国令第711号", "国务院令第711号"), "doc_number") + "）和"
            + N("国办公开办函〔2021〕30号", "doc_number") + "文件要求，" + YR() + "全" + pick("市", "县") + "各级行政机关共收到政府信息公开申请"
            + Q(R.randint(50, 5000), "件", "requests.received", "政府信息公开申请", "收到", style="exact") + "。")


@template(3)
def t_congress_terms():
    return ("深入学习贯彻党的" + N(pick("二十大", "二十届三中全会", "十九届六中全会"), "ordinal") + "精神，" + "牢固树立"
            + N("“四个意识”", "term") + "，" + YR() + "组织专题学习" + Q(R.randint(2, 20), "次", None, "专题学习", "组织", style="exact") + "。")


@template(3)
def t_three_safety():
    return ("对涉及" + N("“三安全一稳定”", "term") + "的信息严格审查，" + YR() + "因属于"
            + N(pick("三类内部事务信息", "四类过程性信息"), "term") + "不予公开的申请" + Q(R.randint(1, 30), "件", None, "申请", "不予公开", style="exact") + "。")


@template(3)
def t_email_url():
    return ("本报告电子版可在" + WEB() + "（" + N(pick("www.yunchuan.gov.cn", "www.lanjiang.gov.cn", "www.chengyuan.gov.cn"), "url")
            + "）下载，" + YR() + "该网站“政府信息公开”栏目访问量" + Q(R.randint(100000, 3000000), "人次", None, "访问量", None, style=pick("wan", "yu", "chao"))
            + "，意见可发送至" + N(pick("zwgk@yc.gov.cn", "gkb2024@163.com", "xxgk_12@126.com"), "email") + "。")


@template(3)
def t_quarterly():
    return ("在" + N(pick("第一季度", "第二季度", "第三季度", "第四季度"), "ordinal") + C("政务新媒体") + "抽查中，" + pick("我市", "我县", "我区")
            + "抽查账号" + Q(R.randint(5, 60), "个", None, "账号", "抽查", style="exact") + "，合格率" + P(pick("100", pct_str(R.uniform(90, 99))), None, "账号", "合格率") + "。")


@template(3)
def t_mixed_numerals_hotline():
    """Many numerals in one sentence: hotline name, date, growth, rounded count."""
    return ("截至" + DATE() + "，" + C(pick("12345政务服务便民热线", "12345热线")) + "累计受理诉求" + Q(R.randint(200000, 2000000), "件", "hotline.received", "诉求", "受理", style=pick("wan", "yu", "chao"))
            + "，" + growth() + "，" + pick("办结率", "按期办结率") + P(pct_str(R.uniform(98, 99.99)), "hotline.closure_rate", "诉求", "办结率", style=pick("ar", "cn")) + "。")


# ---------------------------------------------------------------- hand-written sentences
# [[text|field|subject|action]] (value from normalise.py), <<channel>>, {{number|kind}}.

FIXED = [
    # hard figures
    "{{2022年|year}}，通过县<<政府门户网站>>公开各类信息[[近两千条|proactive.website_items|信息|公开]]，<<政务新媒体>>推送[[两万余条|proactive.new_media_items|信息|推送]]。",
    "全年受理<<12345热线>>工单[[1.2万件|hotline.received|工单|受理]]，按期办结率[[百分之九十九点七三|hotline.closure_rate|工单|按期办结率]]。",
    "政策解读中图文、视频类解读占比达[[三成|-|图文、视频类解读|占比]]，较上年提升{{5个百分点|growth_rate}}。",
    "围绕惠企政策开展解读[[二十余次|interpretation.total|惠企政策|解读]]，其中图文解读[[十五次|interpretation.graphic|图文解读|解读]]、视频解读[[七次|interpretation.video|视频解读|解读]]。",
    "全年共发行《<<澄源县人民政府公报>>》[[十二期|gazette.issues|公报|发行]][[两千余册|gazette.copies|公报|发行]]。",
    "本年度惠民补贴资金发放总额[[15954.526468万元|-|惠民补贴资金|发放]]，已在<<政府网站>>逐户公示。",
    "{{2021 年|year}}，市<<人民政府网站>>累计公开信息 [[4200 余条|proactive.website_items|信息|公开]]，<<政务新媒体>>推送各类资讯 [[1 万余条|proactive.new_media_items|资讯|推送]]。",
    "<<12345热线>>全年受理诉求[[5.63万件|hotline.received|诉求|受理]]，办结[[5.6万件|hotline.closed|诉求|办结]]，满意率[[超过95%|hotline.satisfaction_rate|诉求|满意率]]。",
    "<<市长信箱>>全年共收到群众来信[[逾千封|mailbox.received|群众来信|收到]]，办复率[[百分之百|mailbox.reply_rate|群众来信|办复率]]。",
    "全年培训政务公开工作人员[[千余人次|training.participants|政务公开工作人员|培训]]，覆盖全部[[28个|-|乡镇街道|覆盖]]乡镇街道。",
    "组织召开<<新闻发布会>>[[三十余场|press_conferences|新闻发布会|召开]]，发布会现场答问[[二百余个|-|答问|答问]]。",
    "收取信息处理费[[约1.5万元|fees.collected|信息处理费|收取]]，涉及申请[[六十余件|-|申请|涉及]]。",
    "{{2023年|year}}，我局在<<政府信息公开专栏>>发布信息[[六百条左右|proactive.website_items|信息|发布]]，其中财政资金信息[[百余条|-|财政资金信息|None]]。",
    "<<政务新媒体>>发稿量[[八成以上|-|发稿量|None]]为原创内容，<<政务微博>>粉丝数突破[[50万人|-|粉丝|None]]。",
    "全年开展<<12345热线>>“回头看”[[四次|-|“回头看”|开展]]，回访群众[[3000人次以上|-|群众|回访]]，满意率[[百分之九十八点六|hotline.satisfaction_rate|群众|满意率]]。",
    "印发《{{2024年|year}}政务公开工作要点》，分解任务[[46项|-|任务|分解]]，明确责任单位[[32个|-|责任单位|明确]]，完成率[[100%|-|任务|完成率]]。",
    "公开政府集中采购项目[[327个|-|政府集中采购项目|公开]]，涉及金额[[9.87亿元|-|政府集中采购项目|涉及]]。",
    "依申请公开答复中，予以公开的占[[近四成|-|予以公开|占]]，本机关不掌握相关政府信息的占[[三成左右|-|本机关不掌握相关政府信息|占]]。",
    "全年共受理政府信息公开申请[[1.2万件|requests.received|政府信息公开申请|受理]]，较上年增长{{12%|growth_rate}}。",
    "通过<<政府网站>>发布政策解读[[逾百篇|interpretation.total|政策解读|发布]]，其中领导解读[[18篇|-|领导解读|None]]。",
    "本年度<<政务微信>>推送信息 [[3560 条|proactive.new_media_items|信息|推送]]，同比增长 {{8.6%|growth_rate}}。",
    "《<<柏城市人民政府公报>>》全年出版[[六期|gazette.issues|公报|出版]]，每期印刷[[五百册|-|公报|印刷]]。",
    "全区[[96个|-|部门和单位|None]]部门和单位政务公开考核优秀率达[[两成|-|部门和单位|优秀率]]。",
    "开展“政府开放日”活动[[五场|open_day.events|“政府开放日”活动|开展]]，每场邀请市民代表[[约30人|-|市民代表|邀请]]。",
    "开展在线访谈[[十二期|online_interviews|在线访谈|开展]]，单期最高观看量[[超10万人次|-|观看量|None]]。",
    "全年办理<<区长信箱>>来信[[将近九百件|mailbox.received|来信|办理]]，回复[[886件|mailbox.closed|来信|回复]]。",
    "依申请公开工作中，收到申请[[46件|requests.received|申请|收到]]，其中[[45件|requests.completed|申请|办结]]已办结，[[1件|requests.carried_over|申请|结转下年度]]结转下年度继续办理。",
    "全年发生政府信息公开行政复议[[0件|review.total|行政复议|行政复议]]、行政诉讼[[0件|litigation.total|行政诉讼|行政诉讼]]。",
    "行政复议[[3件|review.total|行政复议|行政复议]]、行政诉讼[[1件|litigation.total|行政诉讼|行政诉讼]]，均为维持原答复。",
    "举办政府开放日[[两次|open_day.events|政府开放日|举办]]、在线访谈[[四期|online_interviews|在线访谈|举办]]、<<新闻发布会>>[[六场|press_conferences|新闻发布会|举办]]。",
    "开展业务培训[[3期|training.sessions|业务培训|开展]]，参训[[210人|training.participants|参训|参训]]。",
    "<<政务新媒体>>账号由上年的[[28个|-|政务新媒体账号|None]]整合为[[19个|new_media.accounts|政务新媒体账号|整合]]。",
    "本年度收取信息处理费[[120元|fees.collected|信息处理费|收取]]（另有[[1名|-|申请人|None]]申请人逾期未缴费）。",
    "<<书记信箱>>和<<市长信箱>>合计收到来信[[2316封|mailbox.received|来信|收到]]，按期回复率[[99.5％|mailbox.reply_rate|来信|回复率]]。",
    "依托<<12345政务服务便民热线>>，收集涉企诉求[[4100余件|-|涉企诉求|收集]]，按期办结率[[98%以上|hotline.closure_rate|涉企诉求|按期办结率]]。",
    "发布《政策解读》专栏文章[[62篇|interpretation.total|专栏文章|发布]]，其中动漫解读[[4个|interpretation.video|动漫解读|解读]]、图解[[21篇|interpretation.graphic|图解|发布]]。",
    "全年收到政府信息公开申请[[一千二百余件|requests.received|政府信息公开申请|收到]]，办结[[1183件|requests.completed|政府信息公开申请|办结]]。",
    "主动公开各类信息[[96万余条|proactive.items_total|信息|主动公开]]，网站总访问量达[[3.2亿人次|-|网站总访问量|None]]。",
    "乡镇<<政务公开专区>>全年查阅量[[约1.8万人次|-|查阅量|None]]，群众满意率[[九成以上|-|群众|满意率]]。",
    "<<政府网站>>年度发布信息[[8.5万条|proactive.website_items|信息|发布]]，日均更新[[二百余条|-|信息|更新]]。",
    "发放<<政府公报>>[[6000份|gazette.copies|政府公报|发放]]，覆盖全部[[14个|-|乡镇|覆盖]]乡镇和[[210个|-|行政村|覆盖]]行政村。",
    "组织[[2期|training.sessions|专题培训|组织]]专题培训，培训对象涵盖全县[[46家|-|单位|涵盖]]单位的[[180名|training.participants|政务公开工作人员|培训]]政务公开工作人员。",
    "本年度共有[[7件|requests.carried_in|申请|上年结转]]上年结转申请，均于{{1月|date}}办结。",
    "拨打<<12345>>咨询的群众中，涉及政务公开的诉求占比[[约两成|-|涉及政务公开的诉求|占比]]。",
    # growth-rate-only and ratio traps around a figure
    "全年发布政务信息[[4673条|proactive.items_total|政务信息|发布]]，同比增长{{23.5%|growth_rate}}，其中原创信息占比提高{{6.2个百分点|growth_rate}}。",
    "<<12345热线>>来电量同比下降{{12.4%|growth_rate}}，诉求办结率保持在[[99%以上|hotline.closure_rate|诉求|办结率]]。",
    "政府信息公开申请数量较上年增长{{1.5倍|growth_rate}}，达到[[312件|requests.received|政府信息公开申请|None]]。",
    "全年受理依申请公开[[88件|requests.received|依申请公开|受理]]，同比减少{{三成|growth_rate}}。",
    "<<市长信箱>>来信量增长{{二成|growth_rate}}，达[[1260封|mailbox.received|来信|None]]。",
    # more hand-written structures: 分别, last year vs this year, per-unit figures, multi-year totals
    "{{2024年|year}}，<<政府网站>>、<<政务新媒体>>分别发布信息[[3200条|proactive.website_items|信息|发布]]、[[1.1万条|proactive.new_media_items|信息|发布]]。",
    "受理、办结<<12345热线>>工单分别为[[8432件|hotline.received|工单|受理]]和[[8420件|hotline.closed|工单|办结]]。",
    "{{一季度|ordinal}}至{{四季度|ordinal}}，<<政府门户网站>>分别更新信息[[120条|-|信息|更新]]、[[135条|-|信息|更新]]、[[142条|-|信息|更新]]和[[150条|-|信息|更新]]。",
    "本年度政府信息公开申请数量为[[67件|requests.received|政府信息公开申请|None]]，比上年的[[52件|-|政府信息公开申请|None]]有所增加。",
    "召开<<新闻发布会>>的场次由上年的[[8场|-|新闻发布会|召开]]增加到[[14场|press_conferences|新闻发布会|召开]]。",
    "全年培训次数、参训人次分别为[[6次|training.sessions|培训|培训]]和[[420人次|training.participants|参训|参训]]。",
    "<<政府公报>>全年出版[[12期|gazette.issues|政府公报|出版]]，每期[[约800册|-|政府公报|None]]。",
    "“阳光问政”在线访谈栏目全年上线节目[[二十期|online_interviews|在线访谈|上线]]，邀请部门负责人[[26人次|-|部门负责人|邀请]]。",
    "[[3场|open_day.events|政府开放日活动|None]]政府开放日活动共吸引[[200余名|-|市民|吸引]]市民参与。",
    "依申请公开收费方面，本年度收取信息处理费合计[[0元|fees.collected|信息处理费|收取]]。",
    "<<12345热线>>全年受理量[[12.6万件|hotline.received|受理量|受理]]，日均受理[[约345件|-|受理量|受理]]。",
    "<<市长信箱>>回复时限由{{10个工作日|time_limit}}压缩至{{5个工作日|time_limit}}，群众反映问题得到更快回应。",
    "全县[[21个|-|乡镇|None]]乡镇、[[260个|-|村（社区）|None]]村（社区）全部建成<<政务公开专区>>。",
    "{{近三年|period}}累计公开政府信息[[2.1万余条|-|政府信息|公开]]，年均增长{{15%|growth_rate}}。",
    "<<12345热线>>群众满意率保持在[[百分之九十五以上|hotline.satisfaction_rate|群众|满意率]]。",
    "<<政府网站>>发布信息数同比增长{{12%|growth_rate}}，达到[[5321条|proactive.website_items|信息|发布]]。",
    "<<12345热线>>诉求办结率由上年的[[96.5%|-|诉求|办结率]]提高到[[98.2%|hotline.closure_rate|诉求|办结率]]。",
    "全年累计发布政策解读[[37篇|interpretation.total|政策解读|发布]]，是上年的{{2倍|growth_rate}}。",
    "政府信息公开工作经费投入[[约12万元|-|工作经费|投入]]，全部纳入年度财政预算。",
    "信息处理费按件计收的，每件收取[[100元|-|信息处理费|收取]]，全年实际收取[[300元|fees.collected|信息处理费|收取]]。",
    "在<<政务新媒体>>开设“政策快递”栏目，全年推送[[180期|proactive.new_media_items|政策快递|推送]]，累计阅读[[60余万次|-|阅读|阅读]]。",
    "<<领导信箱>>全年收到来信[[三百余封|mailbox.received|来信|收到]]，全部按时办结，办结率[[100％|mailbox.reply_rate|来信|办结率]]。",
    "截至{{2025年12月31日|date}}，全区依法保留<<政务新媒体>>[[47个|new_media.accounts|政务新媒体|保留]]，较年初减少[[9个|-|政务新媒体|减少]]。",
    "年内新增备案<<微信公众号>>[[2个|-|微信公众号|备案]]，全市备案<<政务新媒体>>总数达到[[138个|new_media.accounts|政务新媒体|备案]]。",
    "全年组织政务公开工作人员参加线上业务培训[[十余次|training.sessions|线上业务培训|参加]]，累计参训[[近500人次|training.participants|参训|参训]]。",
    "主动公开政府信息[[2.35万条|proactive.items_total|政府信息|主动公开]]，其中<<政府门户网站>>[[1.6万条|proactive.website_items|政府信息|主动公开]]，<<政务新媒体>>[[7500条|proactive.new_media_items|政府信息|主动公开]]。",
    "全年发生政府信息公开行政复议[[两件|review.total|行政复议|行政复议]]，未发生行政诉讼。",
    "本机关全年共收到行政诉讼应诉通知[[4起|litigation.total|行政诉讼|应诉]]，涉及政府信息公开事项。",
    "{{上一年度|period}}结转的政府信息公开申请[[11件|requests.carried_in|政府信息公开申请|上一年度结转]]，于本年度全部答复。",
    "另有[[5件|requests.carried_over|申请|结转下年度]]申请因补正材料超期，结转下年度继续办理，将于{{2026年1月|date}}前答复。",
]

NO_FIGURE = [
    "{{2024年|year}}，我市以党的{{二十大|ordinal}}和{{二十届三中全会|ordinal}}精神为引领，把政务公开作为建设法治政府的重要抓手。",
    "按照《条例》（{{国令第711号|doc_number}}）要求，县政府办公室编写了本年度报告，数据统计时段为{{2023年1月1日|date}}至{{2023年12月31日|date}}。",
    "读者对报告内容有疑问的，可致电{{0736-7213356|phone}}，或致函区政府办公室（{{望湖区行政中心路18号|address}}，邮编{{415300|postcode}}）。",
    "本报告电子版可在<<政府门户网站>>（{{www.wanghu.gov.cn|url}}）“政府信息公开年报”栏目下载。",
    "本年度没有向申请人收取信息处理费。",
    "本年度未发生因政府信息公开引起的行政复议和行政诉讼。",
    "{{一是|numbering}}部分解读材料照搬文件原文，群众读起来仍感吃力；{{二是|numbering}}乡镇政务公开岗位多为兼职，人员调整频繁。",
    "下一步，我们将进一步优化<<政府网站>>栏目设置，加强<<政务新媒体>>日常监管，杜绝“僵尸号”“睡眠号”。",
    "坚持“公开为常态、不公开为例外”，推行“{{五公开|term}}”全流程落实。",
    "用好<<12345热线>>、<<市长信箱>>两个渠道，群众来电来信实行首问负责、限时办结。",
    "按照《云川市{{2025年|year}}政务公开工作要点》要求，逐项细化任务，明确责任单位和完成时限。",
    "依据《条例》{{第二十条|ordinal}}、{{第二十一条|ordinal}}规定，在<<政府信息公开专栏>>设置法定主动公开内容栏目。",
    "拟公开的政府信息一律经过保密审查和合法性审核后再上网发布。",
    "<<政府网站>>首页新增“优化营商环境”“乡村振兴”专题，集中归集相关政策和办事指南。",
    "{{（三）|numbering}}政府信息管理情况。起草公文时即明确主动公开、依申请公开或不予公开属性，由承办科室和法制机构共同把关。",
    "严格执行《<<政府公报>>编辑出版规范》，确保刊登文件与正式文本一致。",
    "存在的主要问题是部分单位对政务公开重视程度不够，信息更新不够及时。",
    "{{2025年|year}}，我县将继续深化重点领域信息公开，推动政务公开标准化规范化建设向村（社区）延伸。",
    "<<政务公开专区>>配备电脑、查阅终端和政策资料架，工作日{{9:00—17:00|time}}对外开放。",
    "对照{{第十四个五年规划|ordinal}}纲要，及时公开规划实施中期评估报告。",
    "自{{2024年3月1日|date}}起，依申请公开答复书统一加盖政府信息公开专用章。",
    "加强与<<12345政务服务便民热线>>的工作联动，建立热点诉求分析研判机制。",
    "申请人可通过信函、当面提交或登录<<政府门户网站>>在线提交政府信息公开申请，邮寄地址：{{溪宁县文昌街66号|address}}，邮编：{{518400|postcode}}。",
    "对内容不明确的申请，先电话联系申请人核实需求，再出具答复，减少因理解偏差引发的争议。",
    "{{1.|numbering}}健全工作机制。成立以分管副县长为组长的政务公开工作领导小组，定期研究部署工作。",
    "持续整治<<政务新媒体>>“空壳号”，对更新慢、互动少的账号限期整改。",
    "<<书记信箱>>、<<领导信箱>>来信由专人每日登录查看，实行分办、督办、回访全流程闭环管理。",
    "根据《关于进一步规范政府信息公开申请办理工作的通知》（{{云政办发〔2024〕15号|doc_number}}）要求，统一答复文书格式。",
    "通过<<新闻发布会>>、<<政务微博>>等方式第一时间回应社会关切，主动发布权威信息。",
    "热线电话：{{0871-63821505|phone}}，服务时间：工作日{{上午8:30至下午5:30|time}}。",
    "{{四是|numbering}}强化监督考核，将政务公开工作纳入年度绩效考核，考核结果在全县范围内通报。",
    "全面落实《条例》{{第十九条|ordinal}}关于重点领域信息公开的规定，持续优化<<微信公众号>>栏目设置。",
    "本年度无其他需要报告的事项。",
    "围绕“{{三个一批|term}}”要求，对长期未更新的栏目进行整改。",
]


# ---------------------------------------------------------------- markup -> record

_TOKEN = re.compile(r"\[\[(.+?)\]\]|<<(.+?)>>|\{\{(.+?)\|(\w+)\}\}")


def parse(markup: str, sid: str) -> dict:
    text, entities, figures, negatives = "", [], [], []
    pos = 0
    for m in _TOKEN.finditer(markup):
        text += markup[pos:m.start()]
        pos = m.end()
        start = len(text)
        if m.group(1) is not None:
            parts = m.group(1).split("|")
            span = parts[0]
            text += span
            kind, value, unit, qual = normalise(span)
            field, subject, action = parts[1], parts[2], parts[3]
            if len(parts) == 7:    # generator knows the truth: check it against the reader
                want_value = float(parts[4]) if "." in parts[4] else int(parts[4])
                assert math.isclose(value, want_value, rel_tol=1e-9, abs_tol=1e-9), (markup, value, parts)
                assert qual == parts[5] and unit == parts[6], (markup, qual, unit, parts)
            fig_ = {"start": start, "end": len(text), "value": value, "unit": unit, "qualifier": qual, "type": kind,
                    "field": None if field == "-" else field, "subject": subject,
                    "action": None if action in ("-", "None") else action}
            figures.append(fig_)
            entities.append([start, len(text), LABEL_OF_TYPE[kind]])
        elif m.group(2) is not None:
            text += m.group(2)
            entities.append([start, len(text), "CHANNEL"])
        else:
            text += m.group(3)
            negatives.append([start, len(text), m.group(4)])
    text += markup[pos:]
    assert not re.search(r"\[\[|\]\]|<<|>>|\{\{|\}\}|\|", text), markup
    # CHANNEL mentions of "12345" alone are the hotline's name, also worth listing as a negative
    for s, e, lab in entities:
        if lab == "CHANNEL" and text[s:e].startswith("12345"):
            negatives.append([s, s + 5, "hotline_name"])
    negatives.sort()
    return {"id": sid, "text": text, "entities": sorted(entities), "figures": figures, "negatives": negatives}


def _tidy_spaces(markup: str) -> str:
    """No gap after punctuation or at the start (PDF gaps are only beside digits)."""
    markup = re.sub(r"([，。；：、（“《）])\s+(?=\[\[|\{\{)", r"\1", markup)
    markup = re.sub(r"(\]\]|>>)\s+(?=\[\[)", r"\1", markup)
    return markup.lstrip()


def generate() -> list[dict]:
    global SPACED
    markups: list[tuple[str, str]] = []
    seen: set[str] = set()
    for count, fn in TEMPLATES:
        made, tries = 0, 0
        while made < count and tries < 50:
            tries += 1
            SPACED = R.random() < 0.07
            m = _tidy_spaces(fn())
            key = re.sub(r"\|[^\]]*\]\]", "", m)
            if key in seen:
                continue
            seen.add(key)
            markups.append((m, fn.__name__.removeprefix("t_")))
            made += 1
    SPACED = False
    markups += [(m, "handwritten") for m in FIXED + NO_FIGURE]
    R.shuffle(markups)
    records = [parse(m, f"syn-{i + 1:04d}") | {"template": name} for i, (m, name) in enumerate(markups)]
    texts = [r["text"] for r in records]
    assert len(set(texts)) == len(texts), "duplicate sentence"
    return records


def main() -> None:
    records = generate()
    with OUT.open("w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(f"{len(records)} sentences -> {OUT}")


if __name__ == "__main__":
    main()
