"""Transformers backend on a tiny random Llama built here (byte-level BPE trained on the prompt): no download.

The model writes noise; the test checks the plumbing: local loading, chat template, streaming through
TextIteratorStreamer, token counting with the model's tokenizer and the deadline stopping the worker thread.
"""

from __future__ import annotations

import threading
import time

import pytest

from assistant.llm.generator import LLMGenerator
from assistant.llm.prompts import format_context, system_prompt
from assistant.settings import LLMSettings
from corpus.errors import BackendTimeout, BackendUnavailable
from tests.contracts.generator_contract import QUESTION, sample_passages

pytestmark = [pytest.mark.integration, pytest.mark.slow]

CHAT_TEMPLATE = ("{% for m in messages %}<|{{ m['role'] }}|>{{ m['content'] }}</s>{% endfor %}"
                 "{% if add_generation_prompt %}<|assistant|>{% endif %}")


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory):
    import torch
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import LlamaConfig, LlamaForCausalLM, PreTrainedTokenizerFast

    bpe = Tokenizer(models.BPE())
    bpe.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    bpe.decoder = decoders.ByteLevel()
    specials = ["<unk>", "<s>", "</s>", "<|system|>", "<|user|>", "<|assistant|>"]
    trainer = trainers.BpeTrainer(vocab_size=600, special_tokens=specials,
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet())
    bpe.train_from_iterator([system_prompt(), format_context(sample_passages()), QUESTION], trainer=trainer)
    tokenizer = PreTrainedTokenizerFast(tokenizer_object=bpe, unk_token="<unk>", bos_token="<s>",
                                        eos_token="</s>", pad_token="</s>")
    tokenizer.chat_template = CHAT_TEMPLATE
    torch.manual_seed(0)
    config = LlamaConfig(vocab_size=len(tokenizer), hidden_size=32, intermediate_size=64, num_hidden_layers=2,
                         num_attention_heads=4, num_key_value_heads=4, max_position_embeddings=2048,
                         bos_token_id=tokenizer.bos_token_id, eos_token_id=tokenizer.eos_token_id,
                         pad_token_id=tokenizer.pad_token_id)
    path = tmp_path_factory.mktemp("tiny-llama")
    LlamaForCausalLM(config).save_pretrained(path)
    tokenizer.save_pretrained(path)
    return path


def settings(model_dir, **overrides) -> LLMSettings:
    values = dict(backend="transformers", model_path=model_dir, max_tokens=16, temperature=0.0,
                  context_tokens=2048, timeout_s=60, first_token_timeout_s=60)
    return LLMSettings(**{**values, **overrides})


@pytest.fixture(scope="module")
def generator(model_dir) -> LLMGenerator:
    return LLMGenerator.from_settings(settings(model_dir))


def test_generate_answers_from_the_local_directory(generator):
    draft = generator.generate(QUESTION, sample_passages())
    assert draft.text and draft.mode == "llm" and draft.backend == "transformers"
    assert [p.doc_id for p in draft.sources] == [p.doc_id for p in sample_passages()]
    assert 0 < draft.meta["prompt_tokens"] <= 2048 - 16
    assert 0 < draft.meta["completion_tokens"] <= 16 + 2  # decoded text may re-tokenize a little differently


def test_stream_yields_the_tokens_as_they_are_written(generator):
    pieces = list(generator.stream(QUESTION, sample_passages()))
    assert len(pieces) > 1 and all(isinstance(p, str) for p in pieces)
    assert "".join(pieces).strip() == generator.generate(QUESTION, sample_passages()).text  # greedy: same text


def test_tokens_are_counted_with_the_model_tokenizer(generator):
    tokenizer = generator.chat_model.tokenizer
    text = "Der Personalausweis kostet 46,00 Euro."
    assert generator.count_tokens(text) == len(tokenizer.encode(text, add_special_tokens=False))


def test_deadline_stops_generation_and_its_thread(model_dir):
    slow = LLMGenerator.from_settings(settings(model_dir, max_tokens=200, timeout_s=0.001))
    with pytest.raises(BackendTimeout, match="timeout_s=0.001"):
        list(slow.stream(QUESTION, sample_passages()))
    # the caller is answered at the deadline; the abandoned call stops at its next token on its own worker
    end = time.monotonic() + 30
    while [t for t in threading.enumerate() if t.name == "transformers-generate"] and time.monotonic() < end:
        time.sleep(0.05)
    assert not [t for t in threading.enumerate() if t.name == "transformers-generate"]


def test_unloadable_directory_is_unavailable(tmp_path):
    (tmp_path / "config.json").write_text("{}")
    with pytest.raises(BackendUnavailable, match="could not load the model"):
        LLMGenerator.from_settings(settings(tmp_path))
