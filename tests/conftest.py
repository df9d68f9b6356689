import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # corpus.synth

from gold import REAL  # noqa: E402

real_corpus = pytest.mark.skipif(not REAL.is_dir(), reason=f"the shared corpus is not beside the clone ({REAL})")


@pytest.fixture(scope="session")
def real():
    if not REAL.is_dir():
        pytest.skip(f"the shared corpus is not beside the clone ({REAL})")
    return REAL
