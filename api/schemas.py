"""Request and response models of the HTTP contract (docs/architecture.md), with German examples for the OpenAPI
docs."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

SESSION_PATTERN = r"^[A-Za-z0-9_-]{1,64}$"


class ChatRequest(BaseModel):
    message: str = Field(description="Die Frage der Bürgerin oder des Bürgers (höchstens `api.max_message_chars` "
                                     "Zeichen).", examples=["Was kostet ein Personalausweis?"])
    session_id: str | None = Field(None, pattern=SESSION_PATTERN, description="Aus der letzten Antwort, für "
                                   "Rückfragen; leer beginnt ein neues Gespräch.", examples=[None])
    stream: bool = Field(False, description="true: Server-Sent Events (`token`-Ereignisse, dann ein `done`).")

    model_config = ConfigDict(json_schema_extra={"examples": [
        {"message": "Was kostet ein Personalausweis?", "session_id": None, "stream": False},
        {"message": "Und wie lange dauert das?", "session_id": "c2Vzc2lvbi1iZWlzcGllbA", "stream": True},
    ]})


class Source(BaseModel):
    id: str
    title: str
    url: str | None
    section: str
    snippet: str


class Guardrail(BaseModel):
    action: Literal["answer", "refuse", "referral", "handoff"]
    rule: str | None


class ChatResponse(BaseModel):
    answer: str
    session_id: str
    sources: list[Source]
    guardrail: Guardrail
    redactions: list[dict[str, str]]
    mode: Literal["extractive", "llm"]
    notice: str | None
    meta: dict[str, Any] = Field(default_factory=dict)

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "answer": "Ein Personalausweis kostet für Personen ab 24 Jahren 46,00 Euro [1].",
        "session_id": "c2Vzc2lvbi1iZWlzcGllbA",
        "sources": [{"id": "personalausweis-beantragen", "title": "Personalausweis beantragen",
                     "url": "{website}/personalausweis", "section": "Kosten",
                     "snippet": "Für Personen ab 24 Jahren: 46,00 Euro."}],
        "guardrail": {"action": "answer", "rule": None}, "redactions": [], "mode": "extractive",
        "notice": "Hinweis: Sie sprechen mit einem KI-Assistenten der {official_name}.", "meta": {}}]})


class SearchFilters(BaseModel):
    model_config = ConfigDict(extra="forbid")
    kind: Literal["service", "strategy", "info"] | None = Field(None, description="Nur Leistungen oder Strategie.")
    id_prefix: str | None = Field(None, max_length=80, pattern=r"^[a-z0-9-]+$", examples=["strategie-"])

    def as_dict(self) -> dict[str, str] | None:
        d = {k: v for k, v in (("kind", self.kind), ("id_prefix", self.id_prefix)) if v}
        return d or None


class SearchRequest(BaseModel):
    query: str = Field(description="Suchbegriffe oder eine Frage.", examples=["Perso abgelaufen"])
    k: int = Field(5, ge=1, le=20, description="Anzahl der Treffer.")
    filters: SearchFilters | None = None
    answer: bool = Field(True, description="Auch die Antwort mitliefern, die der Chat geben würde.")

    model_config = ConfigDict(json_schema_extra={"examples": [
        {"query": "Sperrmüll anmelden", "k": 5, "filters": {"kind": "service"}, "answer": True}]})


class FeedbackRequest(BaseModel):
    session_id: str = Field(pattern=SESSION_PATTERN, examples=["c2Vzc2lvbi1iZWlzcGllbA"])
    rating: Literal["up", "down"] = Field(description="Daumen hoch (`up`) oder runter (`down`); 1 und -1 gehen "
                                                     "auch.", examples=["up"])
    comment: str | None = Field(None, description="Optional; wird vor dem Speichern um persönliche Daten "
                                                  "bereinigt.", examples=["Die Antwort war verständlich."])

    @field_validator("rating", mode="before")
    @classmethod
    def _numbers(cls, v: object) -> object:
        return {1: "up", -1: "down"}.get(v, v) if isinstance(v, int) and not isinstance(v, bool) else v


class OpenAIMessage(BaseModel):
    role: str
    content: str | list[dict[str, Any]] | None = None

    def text(self) -> str:
        if isinstance(self.content, str):
            return self.content
        parts = self.content or []
        return "\n".join(str(p.get("text", "")) for p in parts if p.get("type") == "text")


class OpenAIChatRequest(BaseModel):
    model: str | None = Field(None, examples=["{model_id}"])
    messages: list[OpenAIMessage] = Field(min_length=1, max_length=50)
    stream: bool = False

    model_config = ConfigDict(extra="ignore", json_schema_extra={"examples": [
        {"model": "{model_id}", "stream": False,
         "messages": [{"role": "user", "content": "Wie melde ich meinen Hund an?"}]}]})
