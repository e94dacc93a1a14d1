"""Parse time and peak memory against input size, on adversarial shapes.

    python bench/parse_bench.py [--sizes 1K,10K,100K,1M,5M,20M] [--shapes a,b] [--timeout 120]

Each measurement runs in a fresh process: it builds the input, then times decoding (for
.docx) and `parse_plan`, and reports the growth of its peak resident memory. A shape stops
growing once a size runs past `--timeout`. The per-document budget is lifted here
(KEHOACH_MAX_PARSE_SECONDS / _MB) so the curve shows the parser itself. The last column is
the time per MB: flat when parsing is linear.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PLAN = ROOT / "corpus" / "ninh-binh-19-KH-UBND-2025.txt"


def _repeat_line(line: str) -> Callable[[int], str]:
    return lambda size: line * max(1, size // len(line.encode()))


def _distinct(template: str) -> Callable[[int], str]:
    """Lines that differ by a counter (identical ones are dropped as a repeated block)."""

    def build(size: int) -> str:
        out, total, i = [], 0, 1
        while total < size:
            line = template.format(i=i)
            out.append(line)
            total += len(line.encode())
            i += 1
        return "".join(out)

    return build


def _table_rows(size: int) -> str:
    head = (
        "PHỤ LỤC\n| STT | Nội dung | Đơn vị chủ trì | Thời gian hoàn thành |\n|---|---|---|---|\n"
    )
    out, total, i = [head], len(head), 1
    while total < size:
        line = f"| {i} | Chỉ tiêu {i} đạt 100% | Sở Nội vụ | Năm 2025 |\n"
        out.append(line)
        total += len(line.encode())
        i += 1
    return "".join(out)


def _plan_repeated(size: int) -> str:
    plan = PLAN.read_text(encoding="utf-8")
    return plan * max(1, size // len(plan.encode()))


TEXT_SHAPES: dict[str, Callable[[int], str]] = {
    "repeated-lines": _repeat_line("Sở Nội vụ chủ trì, phối hợp thực hiện nhiệm vụ này.\n"),
    "repeated-blocks": _repeat_line(
        "1. Mục tiêu chung của kế hoạch năm 2025.\n- Sở Nội vụ chủ trì.\n"
        "- Sở Tài chính phối hợp.\na) Hoàn thành trong quý IV.\nb) Báo cáo kết quả.\n"
    ),
    "bullet-siblings": _distinct("- Nhiệm vụ {i}.\n"),
    "numbered-siblings": _distinct("{i}. Nhiệm vụ số {i} của kế hoạch.\n"),
    "item-siblings": _distinct("1.{i}. Chỉ tiêu {i} đạt 100%.\n"),
    "paragraph-siblings": _distinct("Đoạn văn {i} không đánh số của kế hoạch.\n\n"),
    "one-huge-line": lambda size: "nhiệm vụ " * max(1, size // len("nhiệm vụ ".encode())),
    "table-rows": _table_rows,
    "plan-repeated": _plan_repeated,
}


def _docx(paragraphs: int) -> bytes:
    """A minimal .docx of `paragraphs` one-letter paragraphs (3 M fit in a few hundred KB)."""
    body = "<w:p><w:r><w:t>a</w:t></w:r></w:p>" * paragraphs
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{body}</w:body></w:document>"
    )
    types = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.wordprocessingml.document.main+xml"/></Types>'
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", types)
        archive.writestr("_rels/.rels", rels)
        archive.writestr("word/document.xml", document)
    return buffer.getvalue()


SHAPES = [*TEXT_SHAPES, "docx-tiny-paragraphs"]


def make_input(shape: str, size: int) -> tuple[bytes, str]:
    """The input bytes and file name of one shape at about `size` bytes of text."""
    if shape == "docx-tiny-paragraphs":
        return _docx(max(1, size // 2)), "tiny.docx"  # "a" + a line break per paragraph
    return TEXT_SHAPES[shape](size).encode("utf-8"), f"{shape}.txt"


def measure(shape: str, size: int) -> dict[str, object]:
    """Run in the child: build the input, decode and parse it, report time and memory."""
    from ingest.parser.plan import parse_plan
    from ingest.reader import source_text

    data, name = make_input(shape, size)
    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    text, _ = source_text(data, name, None)
    decoded = time.perf_counter()
    plan = parse_plan(text, "bench")
    done = time.perf_counter()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "shape": shape,
        "input_bytes": len(data),
        "text_chars": len(text),
        "clauses": len(plan.clauses),
        "decode_s": round(decoded - started, 3),
        "parse_s": round(done - decoded, 3),
        "peak_mb": round((peak - baseline) / 1024, 1),
    }


def _size(text: str) -> int:
    units = {"K": 1024, "M": 1024 * 1024}
    text = text.strip().upper()
    return int(float(text[:-1]) * units[text[-1]]) if text[-1] in units else int(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1K,10K,100K,1M,5M,20M")
    parser.add_argument("--shapes", default=",".join(SHAPES))
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child[0], int(args.child[1]))))
        return
    env = {**os.environ, "KEHOACH_MAX_PARSE_SECONDS": "0", "KEHOACH_MAX_PARSE_MB": "0"}
    print(
        f"{'shape':22} {'size':>8} {'input':>10} {'clauses':>8} {'decode s':>9} "
        f"{'parse s':>8} {'peak MB':>8} {'s/MB':>7}"
    )
    for shape in args.shapes.split(","):
        for size_text in args.sizes.split(","):
            size = _size(size_text)
            try:
                child = subprocess.run(
                    [sys.executable, __file__, "--child", shape, str(size)],
                    capture_output=True,
                    text=True,
                    timeout=args.timeout,
                    env=env,
                    check=True,
                )
            except subprocess.TimeoutExpired:
                print(
                    f"{shape:22} {size_text:>8} {'':>10} {'':>8} {'':>9} "
                    f"{'>' + str(int(args.timeout)):>8}"
                )
                break
            except subprocess.CalledProcessError as error:
                print(f"{shape:22} {size_text:>8} failed: {error.stderr.strip()[-300:]}")
                break
            row = json.loads(child.stdout.strip().splitlines()[-1])
            seconds = float(row["decode_s"]) + float(row["parse_s"])
            per_mb = seconds / max(size / 1024 / 1024, 1e-9)
            print(
                f"{shape:22} {size_text:>8} {row['input_bytes']:>10} {row['clauses']:>8} "
                f"{row['decode_s']:>9} {row['parse_s']:>8} {row['peak_mb']:>8} {per_mb:>7.2f}",
                flush=True,
            )


if __name__ == "__main__":
    main()
