"""Classifier speed: model load time and single-process throughput (messages/s) over the corpus."""

from __future__ import annotations

import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    started = time.perf_counter()
    import sklearn  # noqa: F401 - measured separately: the import is paid once per process

    imported = time.perf_counter() - started
    from calmdraft import train
    from calmdraft.classifier import Classifier

    loads = []
    for _ in range(5):
        t = time.perf_counter()
        model = Classifier.load()
        loads.append(time.perf_counter() - t)
    examples = train.load_corpus([ROOT / "data" / "corpus"])
    docs = [e.doc for e in examples]
    batch = (docs * (5000 // len(docs) + 1))[:5000]
    t = time.perf_counter()
    model.verdicts(batch)
    batched = len(batch) / (time.perf_counter() - t)
    t = time.perf_counter()
    for d in batch[:1000]:
        model.verdicts([d])
    single = 1000 / (time.perf_counter() - t)
    print(f"import scikit-learn: {imported:.2f} s")
    print(f"model load (median of 5): {sorted(loads)[2]:.3f} s")
    print(f"throughput, batches of 5000: {batched:,.0f} messages/s")
    print(f"throughput, one message at a time: {single:,.0f} messages/s")


if __name__ == "__main__":
    main()
