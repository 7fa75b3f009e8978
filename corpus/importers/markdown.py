"""Write a document in the native corpus format (YAML front matter + Markdown body), as imports are stored."""

from __future__ import annotations

import yaml

from corpus.schema import Document


def to_markdown(doc: Document) -> str:
    """Serialise a document in the native corpus format (YAML front matter + body)."""
    meta = doc.model_dump(exclude={"body", "path"}, exclude_none=True, exclude_defaults=False)
    meta = {k: v for k, v in meta.items() if v not in ([], {}, None)}
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=110)
    return f"---\n{front}---\n# {doc.title}\n\n{doc.body.strip()}\n"
