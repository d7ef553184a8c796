"""Benchmark: embedding texts from scratch with the NumPy runtime (all-MiniLM-L6-v2 and
USE multilingual v3, `matching.engine.embedding.embed`).

Run it with one command from the project root:

    .venv/bin/python bench/embedding_speed.py                 # 20,000 texts
    .venv/bin/python bench/embedding_speed.py --texts 2000

The texts are those of bench/matching_engine.py's believable round (half challenges,
half providers), so they are as long as the match benchmark's. It prints the progress,
then the texts and tokens per second (wall and process CPU), the mean tokens per text
and the peak memory. Nothing is stored: this is the cost that `import_programme` and the
embedding task pay once per new text.
"""

import argparse
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.matching_engine import generate  # noqa: E402
from matching.engine import embedding  # noqa: E402

CHUNK = 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=20_000)
    args = parser.parse_args()
    problem = generate(args.texts // 2, args.texts - args.texts // 2)
    texts = [c.text for c in problem.challenges] + [p.text for p in problem.providers]
    minilm = embedding._loaded()[0]
    tokens = sum(len(e.ids) for e in minilm.tokenizer.encode_batch(texts))

    wall, cpu = time.perf_counter(), time.process_time()
    for start in range(0, len(texts), CHUNK):
        embedding.embed(texts[start : start + CHUNK])
        done = min(start + CHUNK, len(texts))
        rate = done / (time.perf_counter() - wall)
        print(f"{done:>7,} of {len(texts):,} texts, {rate:,.1f} texts/s", flush=True)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"model:            {embedding.MODEL}")
    each = tokens / len(texts)
    print(f"texts:            {len(texts):,} ({each:.0f} MiniLM tokens each on average)")
    print(
        f"wall:             {wall:.1f} s: {len(texts) / wall:,.1f} texts/s, "
        f"{tokens / wall:,.0f} tokens/s"
    )
    print(f"process CPU:      {cpu:.1f} s: {len(texts) / cpu:,.1f} texts per CPU second")
    print(f"peak memory:      {peak_mb:,.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
