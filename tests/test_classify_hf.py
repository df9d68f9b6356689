"""The transformers backend, on a tiny BERT the test builds from a config (nothing downloaded)."""

import pytest

transformers = pytest.importorskip("transformers", reason="the transformers extra is not installed")
torch = pytest.importorskip("torch", reason="the transformers extra is not installed")

from nlp.statements.classify import labels  # noqa: E402
from nlp.statements.classify_hf import HFClassifier, fine_tune  # noqa: E402

ROWS = [
    {"text": "政策解读质量有待提升，解读形式单一。", "labels": ["interpretation"]},
    {"text": "政务公开队伍建设需加强，人员流动性大。", "labels": ["staffing"]},
    {"text": "进一步加强政府网站和政务新媒体建设。", "labels": ["platform"]},
    {"text": "健全政府信息公开工作机制，规范办理流程。", "labels": ["mechanism"]},
    {"text": "依申请公开答复规范性有待提高。", "labels": ["requests"]},
    {"text": "加强考核督查，定期通报。", "labels": ["supervision"]},
] * 4


def _tiny_checkpoint(path):
    path.mkdir(parents=True, exist_ok=True)
    chars = sorted({c for row in ROWS for c in row["text"]})
    (path / "vocab.txt").write_text("\n".join(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *chars]) + "\n", "utf-8")
    tokenizer = transformers.BertTokenizer(vocab_file=str(path / "vocab.txt"))
    config = transformers.BertConfig(
        vocab_size=len(chars) + 5,
        hidden_size=32,
        num_hidden_layers=1,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=128,
    )
    transformers.BertForMaskedLM(config).save_pretrained(path)
    tokenizer.save_pretrained(path)
    return path


def test_fine_tune_and_predict_from_a_local_checkpoint(tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    checkpoint = _tiny_checkpoint(tmp_path / "tiny")
    out = fine_tune(checkpoint, ROWS, tmp_path / "fine-tuned", epochs=2, batch_size=8)
    [scores] = HFClassifier(out).predict(["政策解读形式单一"])
    assert set(scores) == set(labels())
    assert all(0.0 <= v <= 1.0 for v in scores.values())
