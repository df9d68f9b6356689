"""Where sentences end and dates written in Chinese numerals: shared by every stage."""

from __future__ import annotations

import re

# Marks that end a sentence. ASCII ';' too: crawled pages carry ASCII punctuation after NFKC.
SENTENCE_END = "。！？；;"
SENTENCE_END_RE = re.compile(f"[{SENTENCE_END}]")

# 二〇一四年一月十日: the date under a report's signature, written in numerals.
CHINESE_DATE = r"[〇○零一二三四五六七八九十]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日"
CHINESE_DATE_RE = re.compile(CHINESE_DATE)
