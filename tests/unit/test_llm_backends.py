"""Backend registry: the three keys, and errors that name the setting, the value and the fix. No model is loaded."""

import sys

import pytest

from assistant.llm.backends import LLM_BACKENDS, build_chat_model
from assistant.llm.generator import LLMGenerator
from assistant.llm.models import SMOLLM2_FILE, smollm2_gguf_path
from assistant.settings import LLMSettings
from corpus.errors import BackendUnavailable, ConfigurationError


def test_registry_has_the_three_backends():
    assert set(LLM_BACKENDS) == {"llamacpp", "openai", "transformers"}


def test_unknown_backend_lists_the_valid_keys():
    with pytest.raises(ConfigurationError, match=r"\['llamacpp', 'openai', 'transformers'\].*got 'gpt5'"):
        build_chat_model(LLMSettings(backend="gpt5"))


def test_llamacpp_without_model_path_names_the_setting(tmp_path):
    with pytest.raises(ConfigurationError, match="llm.model_path is not set.*BA_LLM__MODEL_PATH"):
        build_chat_model(LLMSettings(backend="llamacpp"))
    with pytest.raises(ConfigurationError, match="does not exist"):
        build_chat_model(LLMSettings(backend="llamacpp", model_path=tmp_path / "missing.gguf"))
    with pytest.raises(ConfigurationError, match="must be a GGUF file"):
        build_chat_model(LLMSettings(backend="llamacpp", model_path=tmp_path))


def test_llamacpp_without_the_extra_says_how_to_install(tmp_path, monkeypatch):
    gguf = tmp_path / "model.gguf"
    gguf.write_bytes(b"GGUF")
    monkeypatch.setitem(sys.modules, "llama_cpp", None)  # import fails as if not installed
    with pytest.raises(BackendUnavailable, match=r"pip install -e '\.\[llm\]'"):
        build_chat_model(LLMSettings(backend="llamacpp", model_path=gguf))


def test_openai_needs_a_base_url():
    with pytest.raises(ConfigurationError, match="needs llm.base_url.*BA_LLM__BASE_URL"):
        build_chat_model(LLMSettings(backend="openai"))


def test_openai_model_carries_timeout_retries_and_limits():
    settings = LLMSettings(backend="openai", base_url="http://127.0.0.1:9/v1", model="qwen", timeout_s=7,
                           max_tokens=64, stop=["\n\nFrage:"])
    chat = build_chat_model(settings)  # no request is made here
    assert type(chat).__name__ == "ChatOpenAI"
    assert chat.openai_api_base == "http://127.0.0.1:9/v1" and chat.model_name == "qwen"
    assert chat.max_retries == 0 and chat.max_tokens == 64
    # connect bounded by connect_timeout_s, silence by the first-token deadline (capped by timeout_s)
    assert (chat.request_timeout.connect, chat.request_timeout.read) == (3.0, 7.0)
    assert chat.extra_body == {"max_tokens": 64} and chat.stop == ["\n\nFrage:"]


def test_openai_model_uses_the_cancellable_client_without_kept_alive_sockets():
    from assistant.llm.http import CancellableTransport

    settings = LLMSettings(backend="openai", base_url="http://127.0.0.1:9/v1", connect_timeout_s=1.5,
                           first_token_timeout_s=4, timeout_s=20)
    client = build_chat_model(settings).http_client
    assert isinstance(client._transport, CancellableTransport)
    assert (client.timeout.connect, client.timeout.read) == (1.5, 4.0)


def test_openai_generator_counts_tokens_conservatively():
    gen = LLMGenerator.from_settings(LLMSettings(backend="openai", base_url="http://127.0.0.1:9/v1",
                                                 chars_per_token=2.0))
    assert gen.count_tokens("abcde") == 3 and gen.name == "openai"
    assert gen.max_concurrency == 4 and gen.breaker.failures == 3  # a server takes several calls at once


def test_transformers_needs_a_saved_model_directory(tmp_path):
    with pytest.raises(ConfigurationError, match="llm.model_path is not set"):
        build_chat_model(LLMSettings(backend="transformers"))
    with pytest.raises(ConfigurationError, match="directory with config.json"):
        build_chat_model(LLMSettings(backend="transformers", model_path=tmp_path))


def test_smollm2_gguf_ships_with_its_package():
    path = smollm2_gguf_path()
    assert path.name == SMOLLM2_FILE and path.is_file()
    with path.open("rb") as f:
        assert f.read(4) == b"GGUF"


def test_default_settings_have_no_model_path():
    assert LLMSettings().model_path is None and LLMSettings().backend == "extractive"
