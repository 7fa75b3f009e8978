"""The report's charts as PNG bytes (matplotlib, Agg backend), so the HTML can embed them and stay one file.

Each function takes one suite's results and returns None when the data for its chart is missing, so a run of
some suites only renders the charts it has numbers for.
"""

from __future__ import annotations

import io
from typing import Any, Mapping

RETRIEVAL_METRICS = ("recall@1", "recall@5", "recall@10", "mrr", "ndcg@10")
STAGES = ("guard_ms", "retrieval_ms", "generation_ms", "checks_ms", "latency_ms")


def _figure(width: float = 7.0, height: float = 3.6):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt, *plt.subplots(figsize=(width, height), dpi=100)


def _png(plt, fig) -> bytes:
    buf = io.BytesIO()
    fig.tight_layout()
    fig.savefig(buf, format="png")
    plt.close(fig)
    return buf.getvalue()


def retrieval_methods(retrieval: Mapping[str, Any]) -> bytes | None:
    """Grouped bars: recall@k, MRR and nDCG@10 for each retrieval method that ran."""
    methods = {k: v for k, v in retrieval.items() if isinstance(v, Mapping) and "mrr" in v}
    if not methods:
        return None
    plt, fig, ax = _figure()
    width = 0.8 / len(methods)
    for i, (name, m) in enumerate(methods.items()):
        xs = [j + i * width for j in range(len(RETRIEVAL_METRICS))]
        bars = ax.bar(xs, [m.get(k, 0.0) for k in RETRIEVAL_METRICS], width, label=name)
        ax.bar_label(bars, fmt="%.2f", fontsize=7)
    ax.set_xticks([j + width * (len(methods) - 1) / 2 for j in range(len(RETRIEVAL_METRICS))],
                  RETRIEVAL_METRICS)
    ax.set_ylim(0, 1.08)
    ax.set_title("Retrieval by method")
    ax.legend(fontsize=8, loc="lower right")
    return _png(plt, fig)


def retrieval_styles(retrieval: Mapping[str, Any]) -> bytes | None:
    """Recall@5 of the configured retriever per question style (colloquial, typo, non-native, ...)."""
    styles = retrieval.get("configured", {}).get("per_style", {})
    if not styles:
        return None
    plt, fig, ax = _figure()
    names = sorted(styles)
    bars = ax.bar(names, [styles[s].get("recall@5", 0.0) for s in names], color="#2a6f97")
    ax.bar_label(bars, labels=[f"{styles[s].get('recall@5', 0):.2f}\nn={styles[s].get('n', 0)}" for s in names],
                 fontsize=7)
    ax.set_ylim(0, 1.2)
    ax.set_title("Recall@5 per question style (configured retriever)")
    ax.tick_params(axis="x", labelrotation=30, labelsize=8)
    return _png(plt, fig)


def readability(answers: Mapping[str, Any]) -> bytes | None:
    """Histograms of LIX, Wiener Sachtextformel and Flesch-Amstad over the answers."""
    dist = answers.get("readability") or {}
    series = [(k, label, dist.get(k) or []) for k, label in
              (("lix", "LIX (lower = easier)"), ("wstf", "Wiener Sachtextformel (grade)"),
               ("flesch_amstad", "Flesch-Amstad (higher = easier)"))]
    if not any(values for _, _, values in series):
        return None
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 3, figsize=(9, 3.0), dpi=100)
    for ax, (_, label, values) in zip(axes, series):
        if values:
            ax.hist(values, bins=12, color="#5b8e7d", edgecolor="white")
        ax.set_title(label, fontsize=9)
        ax.set_ylabel("answers", fontsize=8)
    fig.suptitle("Readability of the answers", fontsize=10)
    return _png(plt, fig)


def policy_confusion(policy: Mapping[str, Any]) -> bytes | None:
    """Heatmap of expected rule (rows) against the rule the guard chose (columns)."""
    confusion = policy.get("confusion") or {}
    if not confusion:
        return None
    labels = sorted(set(confusion) | {p for row in confusion.values() for p in row})
    matrix = [[confusion.get(e, {}).get(p, 0) for p in labels] for e in labels]
    size = max(4.5, 0.55 * len(labels) + 2)
    plt, fig, ax = _figure(size + 1, size)
    im = ax.imshow(matrix, cmap="Blues", vmin=0)
    ax.set_xticks(range(len(labels)), labels, rotation=45, ha="right", fontsize=8)
    ax.set_yticks(range(len(labels)), labels, fontsize=8)
    top = max(max(row) for row in matrix) or 1
    for i, row in enumerate(matrix):
        for j, v in enumerate(row):
            if v:
                ax.text(j, i, str(v), ha="center", va="center", fontsize=8,
                        color="white" if v > top / 2 else "black")
    ax.set_xlabel("predicted rule")
    ax.set_ylabel("expected rule")
    ax.set_title("Policy confusion matrix")
    fig.colorbar(im, ax=ax, shrink=0.7)
    return _png(plt, fig)


def pii_f2(pii: Mapping[str, Any]) -> bytes | None:
    """Precision, recall and F2 per PII type."""
    per_type = {k: v for k, v in (pii.get("per_type") or {}).items() if isinstance(v, Mapping)}
    if not per_type:
        return None
    names = sorted(per_type)
    plt, fig, ax = _figure(max(7.0, 0.7 * len(names) + 2), 3.8)
    width = 0.27
    for i, metric in enumerate(("precision", "recall", "f2")):
        ax.bar([j + i * width for j in range(len(names))], [per_type[n].get(metric, 0.0) for n in names], width,
               label=metric)
    ax.set_xticks([j + width for j in range(len(names))], names, rotation=35, ha="right", fontsize=8)
    ax.set_ylim(0, 1.08)
    ax.set_title("PII detection per type")
    ax.legend(fontsize=8, loc="lower right")
    return _png(plt, fig)


def latency(latency_results: Mapping[str, Any]) -> bytes | None:
    """p50 and p95 per pipeline stage, in milliseconds."""
    stages = latency_results.get("stages") or {}
    names = [s for s in STAGES if s in stages] + sorted(s for s in stages if s not in STAGES)
    if not names:
        return None
    plt, fig, ax = _figure()
    width = 0.38
    for i, p in enumerate(("p50_ms", "p95_ms")):
        bars = ax.bar([j + i * width for j in range(len(names))], [stages[n].get(p, 0.0) for n in names], width,
                      label=p.replace("_ms", ""))
        ax.bar_label(bars, fmt="%.0f", fontsize=7)
    ax.set_xticks([j + width / 2 for j in range(len(names))], [n.removesuffix("_ms") for n in names])
    ax.set_ylabel("ms")
    ax.set_title("Latency per stage")
    ax.legend(fontsize=8)
    return _png(plt, fig)


def compare_deltas(rows: list[Mapping[str, Any]], limit: int = 20) -> bytes | None:
    """Horizontal bars of the largest changes between two runs; regressions in red."""
    changed = sorted((r for r in rows if r.get("delta")), key=lambda r: -abs(r["delta"]))[:limit]
    if not changed:
        return None
    plt, fig, ax = _figure(8, max(2.5, 0.32 * len(changed) + 1))
    names = [r["metric"] for r in changed][::-1]
    deltas = [r["delta"] for r in changed][::-1]
    colors = ["#c0392b" if r["regression"] else "#2e86c1" for r in changed][::-1]
    ax.barh(names, deltas, color=colors)
    ax.axvline(0, color="black", linewidth=0.8)
    ax.tick_params(axis="y", labelsize=7)
    ax.set_title("Largest changes B − A (red: regression)")
    return _png(plt, fig)


CHARTS = {
    "retrieval": (("Retrieval by method", retrieval_methods), ("Recall@5 per style", retrieval_styles)),
    "answers": (("Readability distribution", readability),),
    "pii": (("PII per type", pii_f2),),
    "policy": (("Policy confusion matrix", policy_confusion),),
    "latency": (("Latency per stage", latency),),
}
