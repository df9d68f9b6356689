"""The tokenizer every trained model was built with: blank Chinese spaCy with the jieba segmenter
and our user dictionary (nlp/data/userdict.txt). spaCy and jieba load on the first call."""

from __future__ import annotations

import logging
from importlib import resources


def blank():
    """A blank `zh` spaCy pipeline segmenting with jieba and our user dictionary."""
    import spacy

    load_user_dictionary()
    return spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})


def load_user_dictionary() -> None:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    with resources.as_file(resources.files("nlp.data").joinpath("userdict.txt")) as path:
        jieba.load_userdict(str(path))
