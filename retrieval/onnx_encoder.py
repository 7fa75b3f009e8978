"""The sentence-transformers network as one ONNX graph: exported once (fp32), optionally quantised to int8.

Used by `SentenceTransformerEmbedder` (retrieval/embedders.py) for its "onnx" and "onnx-int8" runtimes.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import shutil
import tempfile
import warnings
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

from corpus.errors import BackendUnavailable

log = logging.getLogger(__name__)


def _load_sentence_transformer(path: Path, device: str = "cpu", threads: int | None = None):
    try:
        import torch
        from sentence_transformers import SentenceTransformer

        if threads:
            torch.set_num_threads(threads)
        return SentenceTransformer(str(path), device=device, local_files_only=True)
    except Exception as exc:  # noqa: BLE001 - any loader failure means the backend is unusable
        raise BackendUnavailable(f"cannot load sentence-transformers model from {path}: {exc}") from exc


def model_checksum(path: Path) -> str:
    """sha256 over the names and contents of the model directory's files (README excluded)."""
    digest = hashlib.sha256()
    for file in sorted(p for p in path.rglob("*") if p.is_file() and p.name.lower() != "readme.md"):
        digest.update(str(file.relative_to(path)).encode() + b"\0")
        with file.open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()


class OnnxEncoder:
    """The sentence-transformers network (transformer + pooling + normalisation) as one ONNX graph.

    `open` exports it from the local model on first use and keeps `<cache>/<checksum>/model.onnx` plus a
    `meta.json` (input names, max length, dimension); later processes only load those. With `int8=True` it also
    keeps `model.int8-r2.onnx` next to them, quantised once from `model.onnx`. The session uses `threads` intra-op
    threads (1: a query is fastest alone on a core; batches run one text per core).
    """

    OPSET = 17
    # Tag of the int8 recipe in the cached file name and the index manifest: change it with the recipe, so cached
    # files and indexes built with the old vectors are replaced.
    INT8 = "int8-r2"
    # Quantising must keep every probe vector this close to fp32 (measured 0.984 worst, 0.9915 mean, over the
    # 285 dev questions); a CPU whose int8 kernels saturate falls short and keeps fp32.
    INT8_MIN_COSINE = 0.97
    PROBES = ("Personalausweis beantragen", "Mein Sofa muss weg, wer holt Sperrmüll ab?",
              "Wie viel kostet die Hundesteuer in Krefeld?", "I need new ID card, what I must bring?")

    def __init__(self, model_dir: Path, onnx_path: Path, meta: dict, threads: int | None) -> None:
        import onnxruntime as ort
        from transformers import AutoTokenizer

        self.model_dir, self.onnx_path, self.meta = model_dir, onnx_path, meta
        self.runtime = "onnx-int8" if onnx_path.name == f"model.{self.INT8}.onnx" else "onnx"
        self.dimension = int(meta["dimension"])
        self.inputs = list(meta["inputs"])
        self.max_length = int(meta["max_length"])
        # The Rust tokenizer under transformers' wrapper, called directly: the wrapper costs ~0.2 ms per query around
        # ~0.04 ms of tokenising. Same ids (the onnx == torch vectors test).
        self._fast = AutoTokenizer.from_pretrained(str(model_dir), local_files_only=True).backend_tokenizer
        self._fast.no_padding()
        self._fast.enable_truncation(self.max_length)
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads or 1
        opts.inter_op_num_threads = 1
        opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        opts.log_severity_level = 3
        # Idle pool threads must not spin on a 2-core server that also runs Python threads. At 1 intra-op thread
        # there is no pool and this changes nothing (measured); at 2 it cut CPU per query by 10-15% (int8, 8 client
        # threads sharing the session: 2.8-3.0 -> 2.3-2.7 ms) and its p95.
        opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self._session = ort.InferenceSession(str(onnx_path), opts, providers=["CPUExecutionProvider"])

    @classmethod
    def open(cls, model_dir: Path, cache_dir: Path, threads: int | None = 1, int8: bool = False) -> "OnnxEncoder":
        import onnxruntime  # noqa: F401 - fail before exporting when the runtime is missing

        target = Path(cache_dir) / f"{model_dir.name}-{model_checksum(model_dir)[:16]}-opset{cls.OPSET}"
        onnx_path = target / (f"model.{cls.INT8}.onnx" if int8 else "model.onnx")
        meta_path = target / "meta.json"
        if onnx_path.is_file() and meta_path.is_file():
            try:
                return cls(model_dir, onnx_path, json.loads(meta_path.read_text(encoding="utf-8")), threads)
            except Exception as exc:  # noqa: BLE001 - a broken cache is re-created, never trusted
                log.warning("cached onnx model %s is unusable (%s); %s it again", onnx_path, exc,
                            "quantising" if int8 else "exporting")
        if not int8:
            return cls(model_dir, onnx_path, cls.export(model_dir, target), threads)
        cls.open(model_dir, cache_dir, threads=1).quantise(onnx_path)
        return cls(model_dir, onnx_path, json.loads(meta_path.read_text(encoding="utf-8")), threads)

    @classmethod
    def export(cls, model_dir: Path, target: Path) -> dict:
        """Export the model to `target/model.onnx` (atomically: a temp directory renamed into place)."""
        import torch

        st = _load_sentence_transformer(model_dir)
        st.eval()
        features = st.tokenizer(["Beispiel"], return_tensors="pt")
        inputs = [k for k in ("input_ids", "attention_mask", "token_type_ids") if k in features]

        class Graph(torch.nn.Module):
            def __init__(self, model) -> None:
                super().__init__()
                self.model = model

            def forward(self, *tensors):
                out = self.model(dict(zip(inputs, tensors)))["sentence_embedding"]
                return torch.nn.functional.normalize(out, p=2, dim=-1)

        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
        try:
            axes = {name: {0: "batch", 1: "tokens"} for name in inputs}
            axes["embedding"] = {0: "batch"}
            with torch.no_grad(), warnings.catch_warnings():
                warnings.simplefilter("ignore")
                torch.onnx.export(Graph(st), tuple(features[k] for k in inputs), str(tmp / "model.onnx"),
                                  input_names=inputs, output_names=["embedding"], dynamic_axes=axes,
                                  opset_version=cls.OPSET, dynamo=False)
            meta = {"inputs": inputs, "max_length": int(st.max_seq_length),
                    "dimension": int(st.get_embedding_dimension()), "source": str(model_dir)}
            (tmp / "meta.json").write_text(json.dumps(meta, indent=2), encoding="utf-8")
            if target.exists():
                shutil.rmtree(target)
            os.replace(tmp, target)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        log.info("exported embedder %s to onnx at %s", model_dir, target)
        return meta

    def quantise(self, out: Path) -> None:
        """Write an int8 copy of this fp32 graph to `out` (atomically), refusing it when the probes drift.

        Dynamic quantisation (onnxruntime `quantize_dynamic`): the weight MatMuls get int8 weights, per output
        channel, and activations are quantised per query; embeddings, LayerNorm and attention scores stay fp32.
        Per-tensor QInt8 was as fast but drifted (0.87 worst); QUInt8 weights were about 2x slower (2.8-3.0 ms);
        quantising the embedding tables as well or pre-fusing the graph changed nothing measurable.
        Recipe r2 keeps the feed-forward output projections of the first half of the layers in fp32
        (`_sensitive_matmuls`): excluding one layer's at a time showed that those carry most of the error. Measured on
        the 285 dev questions, 1 thread, fp32 6.5 ms per query: all 36 quantised 2.0 ms, cosine to fp32 0.9843 worst,
        0.9915 mean (r1, and an answered question lost to the confidence gate per eval set); r2 2.5 ms, 0.9919 worst,
        0.9956 mean.
        """
        from onnxruntime.quantization import QuantType, quantize_dynamic

        fd, name = tempfile.mkstemp(prefix=f".{out.name}-", suffix=".onnx", dir=out.parent)
        os.close(fd)
        tmp = Path(name)
        try:
            quantize_dynamic(self.onnx_path, tmp, op_types_to_quantize=["MatMul"], per_channel=True,
                             weight_type=QuantType.QInt8, nodes_to_exclude=_sensitive_matmuls(self.onnx_path))
            probe = OnnxEncoder(self.model_dir, tmp, self.meta, threads=1)
            cosine = min(float(probe._one(t) @ self._one(t)) for t in self.PROBES)
            if cosine < self.INT8_MIN_COSINE:
                raise BackendUnavailable(
                    f"int8 embedder drifts from fp32 on this CPU (cosine {cosine:.3f} on a probe sentence, "
                    f"needs >= {self.INT8_MIN_COSINE}); set BA_RETRIEVAL__EMBEDDER_RUNTIME=onnx")
            os.replace(tmp, out)
        finally:
            tmp.unlink(missing_ok=True)
        log.info("quantised embedder %s to int8 at %s (probe cosine to fp32 >= %.4f)", self.onnx_path, out, cosine)

    def encode(self, texts: list[str]) -> np.ndarray:
        """One text per run: measured faster than padded batches here (attention over padding dominates for
        ~250-token chunks). Many texts run in parallel on one single-threaded session per core."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        if len(texts) == 1:
            return self._one(texts[0])[None, :]
        with ThreadPoolExecutor(max_workers=min(len(texts), os.cpu_count() or 1)) as pool:
            return np.vstack(list(pool.map(self._one, texts)))

    def _one(self, text: str) -> np.ndarray:
        enc = self._fast.encode(text)
        columns = {"input_ids": enc.ids, "attention_mask": enc.attention_mask, "token_type_ids": enc.type_ids}
        feed = {name: np.asarray([columns[name]], dtype=np.int64) for name in self.inputs}
        return self._session.run(None, feed)[0][0]


def _sensitive_matmuls(onnx_path: Path) -> list[str]:
    """The feed-forward output projections ("layer.<i>/output/dense/MatMul", not the attention output) of the first
    half of the encoder layers, which stay fp32. A graph named otherwise gets none: all of it is quantised and the
    cosine probe still guards it."""
    import onnx

    ffn_out = re.compile(r"layer\.(\d+)/output/dense/MatMul$")
    found = {node.name: int(m.group(1)) for node in onnx.load(str(onnx_path)).graph.node
             if node.op_type == "MatMul" and (m := ffn_out.search(node.name)) and "attention" not in node.name}
    layers = len(set(found.values()))
    return sorted(name for name, layer in found.items() if layer < (layers + 1) // 2)
