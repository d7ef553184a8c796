"""Benchmark: the match command on the round of bench/match_command.py with its texts
cut into sentences, as real texts are, to time the explaining that quotes their phrases.

    .venv/bin/python bench/match_command.py      # first: the round and its embeddings
    .venv/bin/python bench/match_with_phrases.py

The bench round's texts have no punctuation, so each is its own only phrase. Here a copy
of its database (named ..._phrases_bench) gets a full stop every 10 words, so that each
text has the 8 phrases a `meaning` reason may quote (160,000 at 10,000 × 10,000). Each
text keeps its vector under its new hash, since full stops change no word; each phrase
gets a random unit vector, because embedding 160,000 phrases with the model would take
hours here (kept in the text's row, as the import keeps them). The quotes mean nothing,
but reading and comparing 160,000 vectors is what is timed. The command is then run and
checked as in bench/match_command.py, against the same limits.
"""

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
spec = importlib.util.spec_from_file_location("match_command", ROOT / "bench/match_command.py")
bench = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bench)

SOURCE = os.environ["DATABASE_URL"]
COPY = SOURCE.removesuffix("_bench") + "_phrases_bench"
WORDS_PER_SENTENCE = 10


def copy_database() -> bool:
    """Copy the bench database unless the copy exists; whether it was made now."""
    import psycopg

    source, copy = SOURCE.rsplit("/", 1)[-1], COPY.rsplit("/", 1)[-1]
    admin = SOURCE.rsplit("/", 1)[0].replace("postgres://", "postgresql://") + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [copy]).fetchone():
            return False
        conn.execute(f'CREATE DATABASE "{copy}" TEMPLATE "{source}"')
    return True


def with_sentences(body: str) -> str:
    words = body.split()
    return " ".join(
        f"{word}." if (i + 1) % WORDS_PER_SENTENCE == 0 else word for i, word in enumerate(words)
    )


def add_sentences() -> None:
    """Full stops in every main answer, the texts' vectors under their new hashes and a
    random unit vector for each phrase."""
    import django

    django.setup()
    import numpy as np
    from django.db import transaction

    from incubator.models import Programme
    from matching import embeddings
    from matching.engine import embedding
    from matching.engine.phrases import phrases
    from matching.models import TextEmbedding

    programme = Programme.objects.get(slug=bench.SLUG)
    vectors = {}
    with transaction.atomic():
        for model, main in embeddings.MAIN_ANSWER.items():
            rows = list(model.objects.filter(call__programme=programme))
            for row in rows:
                before = embeddings.submission_text(row)
                setattr(row, main, with_sentences(getattr(row, main)))
                vectors[embeddings.text_hash(embeddings.submission_text(row))] = before
            model.objects.bulk_update(rows, [main], batch_size=1000)
    known = embeddings.stored_vectors([embeddings.text_hash(text) for text in vectors.values()])
    rng = np.random.default_rng(16)
    kept, cut = [], 0
    for text in embeddings.round_texts(programme):
        digest, found = embeddings.text_hash(text), phrases(text)
        cut += len(found)
        random = rng.standard_normal((len(found), embedding.DIMENSIONS)).astype("<f4")
        random /= np.linalg.norm(random, axis=1, keepdims=True)
        kept.append(
            TextEmbedding(
                text_hash=digest,
                model=embedding.MODEL,
                vector=known[embeddings.text_hash(vectors[digest])].tobytes(),
                **embeddings.phrase_fields(found, dict(zip(found, random, strict=True))),
            )
        )
    TextEmbedding.objects.bulk_create(kept, batch_size=1000, ignore_conflicts=True)
    print(f"{len(kept):,} texts cut into sentences, {cut:,} phrases")


def main() -> int:
    if "--add-sentences" in sys.argv:  # in the copy, whose URL this process was given
        add_sentences()
        return 0
    if copy_database():
        # In a process of its own, as bench/match_command.py seeds (its peak stays out).
        env = {**os.environ, "DATABASE_URL": COPY}
        subprocess.run([sys.executable, __file__, "--add-sentences"], check=True, env=env)
    os.environ["DATABASE_URL"] = COPY
    import django

    django.setup()
    return bench.run_and_report()


if __name__ == "__main__":
    sys.exit(main())
