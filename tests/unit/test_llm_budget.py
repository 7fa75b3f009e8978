"""Context budget: passages in rank order, the first that does not fit cut at a sentence end, the rest dropped."""

from types import SimpleNamespace

import pytest

from assistant.llm.budget import (ELLIPSIS, char_counter, fit_passages, prompt_tokens, sentence_cuts,
                                  token_counter)
from corpus.errors import BackendUnavailable
from corpus.types import Passage

Q = "Was brauche ich?"
LONG = ("Sie brauchen ein Passfoto. Sie brauchen den alten Ausweis. Kinder brauchen eine Geburtsurkunde. "
        "Sie zahlen bar oder mit Karte.")


def p(doc_id, text):
    return Passage(doc_id=doc_id, title=doc_id.title(), section="Unterlagen", snippet="", score=1.0, text=text)


def budget_for(passages, extra=0, max_tokens=20):
    """A context window that holds exactly `passages` (one token per character) plus `extra` tokens."""
    return prompt_tokens(Q, passages, len) + max_tokens + extra


def test_everything_fits_unchanged():
    ps = [p("a", "Kurz."), p("b", LONG)]
    fitted = fit_passages(Q, ps, count=len, context_tokens=10_000, max_tokens=20)
    assert fitted.passages == ps and not fitted.truncated and fitted.dropped == 0
    assert fitted.prompt_tokens == prompt_tokens(Q, ps, len)


def test_first_passage_that_does_not_fit_is_cut_at_a_sentence_end():
    first = p("a", "Kurz.")
    two_sentences = "Sie brauchen ein Passfoto. Sie brauchen den alten Ausweis."
    window = budget_for([first, p("b", two_sentences + ELLIPSIS)], extra=5)
    fitted = fit_passages(Q, [first, p("b", LONG), p("c", "Noch mehr.")], count=len, context_tokens=window,
                          max_tokens=20)
    assert [x.doc_id for x in fitted.passages] == ["a", "b"]
    assert fitted.passages[1].text == two_sentences + ELLIPSIS
    assert fitted.truncated and fitted.dropped == 1
    assert fitted.prompt_tokens <= window - 20


def test_a_passage_without_room_for_one_sentence_is_dropped_with_all_after_it():
    first = p("a", "Kurz.")
    window = budget_for([first], extra=10)
    fitted = fit_passages(Q, [first, p("b", LONG), p("c", "X.")], count=len, context_tokens=window, max_tokens=20)
    assert [x.doc_id for x in fitted.passages] == ["a"]  # "c" would fit, but numbering must stay a prefix
    assert fitted.dropped == 2 and not fitted.truncated


def test_prompt_that_leaves_no_room_for_the_answer_names_the_fix():
    with pytest.raises(BackendUnavailable, match="raise llm.context_tokens .* or lower llm.max_tokens"):
        fit_passages(Q, [p("a", "Kurz.")], count=len, context_tokens=500, max_tokens=400)


def test_whole_prompt_is_rechecked_when_blocks_merge():
    # a counter that charges 30 extra tokens for the joined context, which per-block counting cannot see
    count = lambda text: len(text) + (30 if "\n\n[2]" in text else 0)  # noqa: E731
    ps = [p("a", "Kurz."), p("b", LONG)]
    window = budget_for(ps, extra=10)
    fitted = fit_passages(Q, ps, count=count, context_tokens=window, max_tokens=20)
    assert fitted.prompt_tokens <= window - 20
    assert fitted.truncated and fitted.passages[1].text.endswith(ELLIPSIS)


def test_sentence_cuts_keep_whole_sentences_and_list_lines():
    text = "Erstens. Zweitens!\n- Punkt eins\n- Punkt zwei"
    assert [text[:c] for c in sentence_cuts(text)] == ["Erstens.", "Erstens. Zweitens!",
                                                        "Erstens. Zweitens!\n- Punkt eins", text]


def test_char_counter_rounds_up_and_rejects_nonsense():
    assert char_counter(2.5)("abcdef") == 3
    with pytest.raises(ValueError, match="chars_per_token must be > 0, got 0"):
        char_counter(0)


def test_token_counter_uses_the_model_tokenizer_where_there_is_one():
    llama = SimpleNamespace(client=SimpleNamespace(tokenize=lambda b, add_bos, special: list(b),
                                                   detokenize=lambda t: b""))
    assert token_counter(llama)("äb") == 3  # UTF-8 bytes, as llama.cpp's tokenizer sees them
    hf = SimpleNamespace(tokenizer=SimpleNamespace(encode=lambda t, add_special_tokens: t.split()))
    assert token_counter(hf)("zwei Wörter") == 2
    assert token_counter(SimpleNamespace(client=object()), chars_per_token=2.0)("abcde") == 3
