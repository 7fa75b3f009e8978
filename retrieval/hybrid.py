"""Hybrid retriever: German BM25 + dense FAISS, fused at document level, with a calibrated confidence."""

from __future__ import annotations

import dataclasses
import threading
from typing import Any, Sequence

import numpy as np

from corpus.errors import ConfigurationError, InputError
from corpus.schema import Document
from corpus.types import Chunk, Passage, Retrieval
from retrieval.analysis import GermanAnalyzer
from retrieval.bm25 import Bm25Index
from retrieval.confidence import Signals, confidence
from retrieval.embedders import query_vectors
from retrieval.faiss_index import FaissIndex
from retrieval.fusion import best_per_doc, rrf, weighted
from retrieval.indexing import is_profile, lexical_text
from retrieval.term_weights import QUANTITY_WORDS, TopicWeights
from retrieval.typos import TypoCorrector

MAX_QUERY_CHARS = 2000
SNIPPET_CHARS = 300
FILTER_KEYS = ("kind", "id_prefix", "ids")


def _snippet(text: str, limit: int = SNIPPET_CHARS) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut + " …"


@dataclasses.dataclass
class Ranking:
    """One retriever's document ranking: {doc_id: (score, best chunk index)}, best first."""

    docs: dict[str, tuple[float, int]]
    body: dict[str, tuple[float, int]]  # the same without profile chunks (for snippets)


class HybridRetriever:
    """Implements the Retriever protocol; also exposes `chunks_for(doc_id)` and `document(doc_id)`."""

    def __init__(self, documents: Sequence[Document], chunks: Sequence[Chunk], bm25: Bm25Index | None,
                 dense: FaissIndex | None, embedder: Any | None, analyzer: GermanAnalyzer | None = None, *,
                 fusion: str = "rrf", rrf_k: int = 60, dense_weight: float = 0.35, min_confidence: float = 0.35,
                 candidates: int = 100, lexical: bool = True, use_dense: bool = True,
                 confidence_coefficients: dict[str, float] | None = None) -> None:
        if fusion not in ("rrf", "weighted"):
            raise ValueError(f"fusion must be 'rrf' or 'weighted', got {fusion!r}")
        self.documents = {d.id: d for d in documents}
        self.chunks = list(chunks)
        self.bm25, self.dense, self.embedder = bm25, dense, embedder
        self.analyzer = analyzer or GermanAnalyzer()
        self.fusion, self.rrf_k, self.dense_weight = fusion, rrf_k, dense_weight
        self.min_confidence, self.candidates = min_confidence, candidates
        self.confidence_coefficients = confidence_coefficients
        self.lexical = lexical and bm25 is not None
        self.use_dense = use_dense and dense is not None and embedder is not None
        self._doc_ids = [c.doc_id for c in self.chunks]
        self._by_doc: dict[str, list[int]] = {}
        for i, c in enumerate(self.chunks):
            self._by_doc.setdefault(c.doc_id, []).append(i)
        self._doc_terms: dict[str, frozenset[str]] = {}
        self._vectors_by_doc: dict[str, np.ndarray] = {}
        self._memo: dict[tuple[int, str], np.ndarray] = {}
        self._memo_lock = threading.Lock()
        self.typos = TypoCorrector(bm25.vocabulary) if bm25 is not None else None
        self.topic_weights = TopicWeights({})
        if bm25 is not None and self.chunks:
            doc_index = {d: i for i, d in enumerate(self._by_doc)}
            self.topic_weights = TopicWeights.from_postings(
                bm25.postings(), [doc_index[d] for d in self._doc_ids],
                np.array([is_profile(c) for c in self.chunks], dtype=bool),
                quantity_terms=set(self.analyzer.analyze(QUANTITY_WORDS)))

    def with_methods(self, lexical: bool = True, dense: bool = True, **changes: Any) -> "HybridRetriever":
        """A view sharing the indexes with only some methods (for BM25-only / dense-only evaluation)."""
        clone = object.__new__(HybridRetriever)
        clone.__dict__.update(self.__dict__)
        clone.lexical = lexical and self.bm25 is not None
        clone.use_dense = dense and self.dense is not None and self.embedder is not None
        for k, v in changes.items():
            setattr(clone, k, v)
        return clone

    def warm_up(self) -> "HybridRetriever":
        """Load the embedding model and the lemma dictionary now rather than on the first query."""
        self.retrieve("Personalausweis beantragen", top_k=1)
        if self.typos is not None:
            self.typos.candidates("personalausweiss")
        return self

    def chunks_for(self, doc_id: str) -> list[Chunk]:
        """Body chunks of one document in reading order ([] for unknown ids)."""
        return [self.chunks[i] for i in self._by_doc.get(doc_id, []) if not is_profile(self.chunks[i])]

    def document(self, doc_id: str) -> Document | None:
        return self.documents.get(doc_id)

    def _allowed(self, filters: dict[str, Any] | None) -> np.ndarray | None:
        if not filters:
            return None
        unknown = set(filters) - set(FILTER_KEYS)
        if unknown:
            raise InputError(f"filters may use {list(FILTER_KEYS)}, got unknown key(s) {sorted(unknown)}")
        kinds = filters.get("kind")
        kinds = {kinds} if isinstance(kinds, str) else set(kinds or ())
        prefix = filters.get("id_prefix") or ""
        ids = set(filters.get("ids") or ())
        keep = [i for i, c in enumerate(self.chunks)
                if (not kinds or c.kind in kinds) and c.doc_id.startswith(prefix) and (not ids or c.doc_id in ids)]
        return np.asarray(keep, dtype=np.int64)

    def _rank(self, idx: np.ndarray, scores: np.ndarray) -> Ranking:
        docs = best_per_doc(self._doc_ids, idx, scores)
        body_sel = [j for j, i in enumerate(idx) if not is_profile(self.chunks[int(i)])]
        body = best_per_doc(self._doc_ids, idx[body_sel], scores[body_sel])
        return Ranking(docs, body)

    def query_terms(self, text: str) -> tuple[dict[str, float], dict[str, float]]:
        """(analysed {term: weight}, the weights BM25 searches with: typos corrected, aspect words damped)."""
        terms = self.analyzer.weigh_query(text)
        fixed = self.typos.correct_weighted(terms) if terms and self.typos is not None else terms
        return terms, self.topic_weights.apply(fixed)

    def topic_overlap(self, text: str, doc_id: str) -> float | None:
        """Share of the question's topic words that occur in document `doc_id` (None: no topic words, or unknown).

        Topic words are index terms that name what documents are about, i.e. not the aspect words that
        `TopicWeights` damps ("dauert", "Frist", "Antrag") and not numbers. Used to tell whether a question in a
        conversation is still about the conversation's document.
        """
        if self.bm25 is None or doc_id not in self._by_doc:
            return None
        _, fixed = self.query_terms((text or "")[:MAX_QUERY_CHARS])
        topical = {t for t in fixed if t in self.bm25.vocabulary and t not in self.topic_weights.factors
                   and not t.isdigit()}
        if not topical:
            return None
        return len(topical & self._document_terms(doc_id)) / len(topical)

    def _document_terms(self, doc_id: str) -> frozenset[str]:
        cached = self._doc_terms.get(doc_id)
        if cached is None:
            doc = self.documents.get(doc_id)
            cached = frozenset(t for i in self._by_doc[doc_id]
                               for t in self.analyzer.analyze(lexical_text(self.chunks[i], doc)))
            self._doc_terms[doc_id] = cached
        return cached

    def _coverage(self, terms: dict[str, float], fixed: dict[str, float]) -> float:
        if self.bm25 is None or not terms:
            return 0.0
        return sum(t in self.bm25.vocabulary for t in fixed) / max(1, len(terms))

    def retrieve(self, query: str, top_k: int = 5, filters: dict[str, Any] | None = None) -> Retrieval:
        if top_k <= 0:
            raise InputError(f"top_k must be > 0, got {top_k}")
        text = (query or "").strip()[:MAX_QUERY_CHARS]
        allowed = self._allowed(filters)
        if not text or not self.chunks or (allowed is not None and len(allowed) == 0):
            return Retrieval(query=query, passages=[], confident=False, confidence=0.0)
        empty = Ranking({}, {})
        lex = empty
        terms, fixed = self.query_terms(text)
        coverage = self._coverage(terms, fixed)
        if self.lexical and terms:
            mask = None
            if allowed is not None:
                mask = np.zeros(len(self.chunks), dtype=np.float32)
                mask[allowed] = 1.0
            lex = self._rank(*self.bm25.search(fixed, self.candidates, mask))
        den = empty
        if self.use_dense:
            vec = self._embed_query(text)
            den = self._rank(*self.dense.search(vec, self.candidates, allowed))
        fused = self._fuse(lex, den)
        if not fused:
            return Retrieval(query=query, passages=[], confident=False, confidence=0.0)
        conf = confidence(self._signals(lex, den, fused, coverage), self.confidence_coefficients)
        top_score = next(iter(fused.values()))
        passages = [self._passage(doc, score, lex, den, conf * score / top_score if top_score > 0 else 0.0)
                    for doc, score in list(fused.items())[:top_k]]
        return Retrieval(query=query, passages=passages, confident=conf >= self.min_confidence, confidence=conf)

    def dense_doc_scores(self, text: str, also: str | None = None) -> dict[str, float]:
        """{document: best dense cosine of its chunks to `text`} for the dense side's top candidates, and for the
        document `also` (a conversation's topic) even when it is not among them. Empty without a dense side."""
        if not self.use_dense:
            return {}
        vec = self._embed_query((text or "").strip()[:MAX_QUERY_CHARS] or ".")
        idx, scores = self.dense.search(vec, min(self.candidates, len(self.chunks)))
        out: dict[str, float] = {}
        for i, s in zip(idx, scores):
            doc = self._doc_ids[int(i)]
            out[doc] = max(out.get(doc, -1.0), float(s))
        if also is not None and also not in out and also in self._by_doc:
            out[also] = float((self._doc_vectors(also) @ vec).max())
        return out

    def _doc_vectors(self, doc_id: str) -> np.ndarray:
        cached = self._vectors_by_doc.get(doc_id)
        if cached is None:
            cached = self._vectors_by_doc[doc_id] = self.dense.vectors(self._by_doc[doc_id])
        return cached

    def _embed_query(self, text: str) -> np.ndarray:
        """The query's vector; the last few are remembered, since one turn asks the same text more than once (the
        search itself, the follow-up decision, the composer)."""
        key = (id(self.embedder), text)
        with self._memo_lock:
            vec = self._memo.get(key)
        if vec is not None:
            return vec
        vec = query_vectors(self.embedder, [text])[0]
        if vec.shape[-1] != self.dense.dimension:
            raise ConfigurationError(
                f"embedder {getattr(self.embedder, 'name', '?')} gives {vec.shape[-1]}-dim vectors but the index "
                f"holds {self.dense.dimension}-dim ones; rebuild it with `buergerassistent index --rebuild`")
        with self._memo_lock:
            self._memo[key] = vec
            while len(self._memo) > 16:
                self._memo.pop(next(iter(self._memo)))
        return vec

    def _fuse(self, lex: Ranking, den: Ranking) -> dict[str, float]:
        if self.fusion == "rrf":
            rankings = {"bm25": list(lex.docs), "dense": list(den.docs)}
            return rrf(rankings, self.rrf_k, {"bm25": 1.0, "dense": 1.0})
        scores = {"bm25": {d: s for d, (s, _) in lex.docs.items()}, "dense": {d: s for d, (s, _) in den.docs.items()}}
        return weighted(scores, {"bm25": 1.0 - self.dense_weight, "dense": self.dense_weight})

    @staticmethod
    def _signals(lex: Ranking, den: Ranking, fused: dict[str, float], coverage: float) -> Signals:
        def margin(values: list[float]) -> float:
            if not values or values[0] <= 0:
                return 0.0
            return 1.0 - (values[1] / values[0] if len(values) > 1 else 0.0)

        lex_scores = [s for s, _ in lex.docs.values()]
        top_lex = next(iter(lex.docs), None)
        top_den = next(iter(den.docs), None)
        return Signals(
            coverage=min(1.0, coverage),
            agree=1.0 if top_lex is not None and top_lex == top_den else 0.0,
            dense_top=next(iter(den.docs.values()))[0] if den.docs else 0.0,
            bm25_margin=margin(lex_scores),
            bm25_top=min(lex_scores[0], 30.0) if lex_scores else 0.0,
            fused_margin=margin(list(fused.values())),
        )

    def explain(self, query: str) -> Signals:
        """The confidence signals for a query (used by the evaluation to report calibration)."""
        text = (query or "").strip()[:MAX_QUERY_CHARS]
        terms, fixed = self.query_terms(text)
        coverage = self._coverage(terms, fixed)
        lex = self._rank(*self.bm25.search(fixed, self.candidates)) if self.lexical and terms else Ranking({}, {})
        den = (self._rank(*self.dense.search(self._embed_query(text), self.candidates))
               if self.use_dense and text else Ranking({}, {}))
        return self._signals(lex, den, self._fuse(lex, den), coverage)

    def _passage(self, doc_id: str, score: float, lex: Ranking, den: Ranking, conf: float) -> Passage:
        # Snippet: the best body chunk (dense first: it judges meaning), else the profile chunk (the summary).
        hit = den.body.get(doc_id) or lex.body.get(doc_id) or den.docs.get(doc_id) or lex.docs.get(doc_id)
        chunk = self.chunks[hit[1]]
        doc = self.documents.get(doc_id)
        return Passage(doc_id=doc_id, title=chunk.title, section=chunk.section, snippet=_snippet(chunk.text),
                       score=round(float(score), 6), kind=chunk.kind, url=chunk.url or (doc.url if doc else None),
                       confidence=round(float(conf), 4), chunk_id=chunk.chunk_id, text=chunk.text)
