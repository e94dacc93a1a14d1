"""`/v1/documents`: list, show (metadata + clause tree), look up clauses, upload, delete.

An upload or a deletion is queued as a job with its input (`api.jobs.JobInput`); the
handlers below run it on whichever replica claims it (`install_job_handlers`)."""

from __future__ import annotations

import logging
import unicodedata
from pathlib import Path as FilePath
from pathlib import PurePosixPath, PureWindowsPath
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request, Response, status
from starlette.concurrency import run_in_threadpool

from api import responses
from api.deps import AdminAccess, ReadAccess, StateDep
from api.errors import InvalidRequest, NotFound, PayloadTooLarge, UnsupportedMedia
from api.jobs import JobInput
from api.schemas import (
    ClauseList,
    ClauseOut,
    DocumentDetail,
    DocumentList,
    DocumentSummary,
    ErrorResponse,
    IngestResult,
    JobOut,
)
from api.state import ApiState
from ingest.errors import EmptySourceError
from ingest.formats import CONVERT_HINTS
from ingest.reader import (
    SUPPORTED_SUFFIXES,
    TEXT_SUFFIXES,
    checked_encoding,
    decode_text,
    document_id_for,
    refuse_taken_id,
)

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/v1/documents", tags=["documents"], responses=responses.READ)

# The media types a plan may be uploaded as, by the file name's suffix; any file may also
# come as application/octet-stream.
DOCX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MEDIA_TYPES_BY_SUFFIX: dict[str, tuple[str, ...]] = {
    **{suffix: ("text/plain", "text/markdown") for suffix in TEXT_SUFFIXES},
    ".docx": (DOCX_MEDIA_TYPE,),
    ".pdf": ("application/pdf",),
    ".html": ("text/html",),
    ".htm": ("text/html",),
}
ANY_FILE = "application/octet-stream"
UPLOAD_MEDIA_TYPES = (
    *dict.fromkeys(media for types in MEDIA_TYPES_BY_SUFFIX.values() for media in types),
    ANY_FILE,
)
# What a file of each binary format starts with: a wrong one is refused before any work.
_MAGIC = {".docx": b"PK\x03\x04", ".pdf": b"%PDF-"}
DocumentId = Annotated[str, Path(max_length=200, description="a document id")]
_NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorResponse, "description": "unknown document"}
}


@router.get("", response_model=DocumentList)
def list_documents(_: ReadAccess, state: StateDep) -> DocumentList:
    """The ingested documents with their metadata and counts."""
    with state.engine.reading() as view:
        documents = [
            DocumentSummary.from_entry(key, entry) for key, entry in sorted(view.catalog.items())
        ]
    return DocumentList(count=len(documents), documents=documents)


@router.get("/{document_id}", response_model=DocumentDetail, responses=_NOT_FOUND)
def get_document(document_id: DocumentId, _: ReadAccess, state: StateDep) -> DocumentDetail:
    """One document: metadata, parser warnings and its clause tree."""
    with state.engine.reading() as view:
        entry = view.catalog.get(document_id)
        if entry is None:
            raise _unknown(document_id)
        clauses = view.search.document_clauses(document_id)
    return DocumentDetail.from_entry_and_clauses(document_id, entry, clauses)


@router.get(
    "/{document_id}/clauses/{number}",
    response_model=ClauseList,
    responses={404: {"model": ErrorResponse, "description": "unknown document or clause"}},
)
def get_clauses(
    document_id: DocumentId,
    number: Annotated[str, Path(max_length=100, description="a number label: `6.6`, `II`, `a`")],
    _: ReadAccess,
    state: StateDep,
) -> ClauseList:
    """The clauses numbered `number` in a document, exactly as in the source."""
    with state.engine.reading() as view:
        if document_id not in view.catalog:
            raise _unknown(document_id)
        clauses = view.search.by_number(number, [document_id])
    if not clauses:
        raise NotFound(
            f"văn bản {document_id} không có điều khoản số {number!r}", code="unknown_clause"
        )
    ordered = sorted(clauses, key=lambda clause: clause.start)
    return ClauseList(
        document_id=document_id,
        number=number,
        clauses=[ClauseOut.from_stored(clause) for clause in ordered],
    )


@router.post(
    "",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=JobOut,
    responses={
        401: {"model": ErrorResponse},
        403: {"model": ErrorResponse},
        413: {"model": ErrorResponse, "description": "over the upload limit"},
        400: {"model": ErrorResponse, "description": "malformed request"},
        409: {"model": ErrorResponse, "description": "the name's document id is another file's"},
        415: {"model": ErrorResponse, "description": "a format we do not read, or binary"},
        422: {
            "model": ErrorResponse,
            "description": "undecodable text, unknown encoding, empty, a bad name, or a name "
            "whose document id belongs to another file",
        },
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "description": "the plan file's bytes (.txt, .md, .docx, .pdf, .html)",
            "content": {
                media: {"schema": {"type": "string", "format": "binary"}}
                for media in UPLOAD_MEDIA_TYPES
            },
        }
    },
)
async def upload_document(
    request: Request,
    response: Response,
    name: Annotated[
        str,
        Query(
            min_length=1,
            max_length=200,
            description="the file name, e.g. `ke-hoach-19.txt`; it gives the document id",
        ),
    ],
    _: AdminAccess,
    state: StateDep,
    encoding: Annotated[
        str | None,
        Query(
            max_length=40,
            description="text encoding of .txt/.md/.html when not UTF-8 (UTF-16/32 with a BOM "
            "or a typical NUL pattern is found on its own)",
        ),
    ] = None,
) -> JobOut:
    """Upload a plan (admin key): it is ingested in the background; poll the job.

    Uploading a changed file with the same name updates that document in place.
    """
    file_name = _plain_file_name(name)
    _check_media_type(request.headers.get("content-type"), file_name)
    data = await _read_body(request, state.api_settings.api_max_upload_bytes)
    # Unreadable input fails now (415/422) rather than later in the job; a .docx, .pdf or
    # .html is extracted by the job, which fails with the reader's message.
    _check_readable(data, file_name, encoding)
    document_id = document_id_for(FilePath(file_name))
    _refuse_taken_id(state, document_id, file_name)
    # with a shared database this writes the upload's bytes to it: off the event loop
    job = await run_in_threadpool(
        state.jobs.enqueue, "ingest", document_id, JobInput(data, file_name, encoding)
    )
    response.headers["Location"] = f"/v1/jobs/{job.id}"
    return JobOut.from_job(job)


@router.delete(
    "/{document_id}",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=JobOut,
    responses={401: {"model": ErrorResponse}, 403: {"model": ErrorResponse}, **_NOT_FOUND},
)
def delete_document(
    document_id: DocumentId, response: Response, _: AdminAccess, state: StateDep
) -> JobOut:
    """Remove a document (admin key), in the background after the jobs before it."""
    with state.engine.reading() as view:
        if document_id not in view.catalog:
            raise _unknown(document_id)
    job = state.jobs.enqueue("remove", document_id, JobInput())
    response.headers["Location"] = f"/v1/jobs/{job.id}"
    return JobOut.from_job(job)


def install_job_handlers(state: ApiState) -> None:
    """Ingestion and removal as the job queue's handlers: whichever replica runs a job
    (with a shared database, any of them) does it from the job's stored input."""
    state.jobs.handle("ingest", lambda document_id, job_input: _ingest(state, job_input))
    state.jobs.handle("remove", lambda document_id, _: _remove(state, document_id))


def _ingest(state: ApiState, job_input: JobInput) -> dict[str, object]:
    """An upload's job: its bytes ingested under the id its name gives."""
    if job_input.data is None or job_input.name is None:
        raise InvalidRequest("công việc nạp văn bản thiếu tệp tải lên", code="missing_input")
    document_id = document_id_for(FilePath(job_input.name))
    _refuse_taken_id(state, document_id, job_input.name)  # another upload may have come first
    outcome = state.engine.ingest_bytes(
        job_input.data, document_id, job_input.name, job_input.encoding
    )
    return IngestResult(
        document_id=outcome.document_id,
        status=outcome.status,  # type: ignore[arg-type]
        clauses=outcome.clauses,
        targets=outcome.targets,
        points=outcome.points,
        warnings=list(outcome.warnings),
    ).model_dump()


def _remove(state: ApiState, document_id: str | None) -> None:
    if document_id is None:
        raise InvalidRequest("công việc xoá văn bản thiếu mã văn bản", code="missing_input")
    state.engine.remove(document_id)


def _refuse_taken_id(state: ApiState, document_id: str, file_name: str) -> None:
    with state.engine.reading() as view:
        current = view.catalog.get(document_id)
    refuse_taken_id(
        document_id, file_name, current.document.get("source_path") if current else None
    )


def _unknown(document_id: str) -> NotFound:
    return NotFound(f"chưa nạp văn bản nào có mã {document_id!r}", code="unknown_document")


def _plain_file_name(name: str) -> str:
    """The last part of a name, whichever separator the client used."""
    base = PureWindowsPath(PurePosixPath(name).name).name.strip()
    if not base or base in (".", ".."):
        raise InvalidRequest(f"{name!r} không phải tên tệp", code="invalid_name")
    if any(unicodedata.category(c) == "Cc" for c in base):
        raise InvalidRequest(
            f"tên tệp {name!r} có ký tự điều khiển; hãy đổi tên tệp", code="invalid_name"
        )
    return base


def _check_media_type(content_type: str | None, file_name: str) -> None:
    media = (content_type or "").split(";")[0].strip().lower()
    suffix = PurePosixPath(file_name).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        hint = CONVERT_HINTS.get(suffix, "hỗ trợ: " + ", ".join(SUPPORTED_SUFFIXES))
        raise UnsupportedMedia(
            f"{file_name}: không đọc được định dạng {suffix or '(không có đuôi)'}; {hint}"
        )
    allowed = (*MEDIA_TYPES_BY_SUFFIX[suffix], ANY_FILE)
    if media not in allowed:
        raise UnsupportedMedia(
            f"tệp {suffix} phải gửi với Content-Type {' hoặc '.join(allowed)}; "
            f"đã nhận {media or 'không có'}"
        )


def _check_readable(data: bytes, file_name: str, encoding: str | None) -> None:
    """The checks that cost little: text decodes; a binary format starts as it should."""
    suffix = PurePosixPath(file_name).suffix.lower()
    if suffix in TEXT_SUFFIXES:
        decode_text(data, file_name, encoding)
        return
    checked_encoding(encoding, file_name)
    if not data:
        raise EmptySourceError(f"{file_name}: tệp rỗng")
    magic = _MAGIC.get(suffix)
    if magic is not None and not data.startswith(magic):
        raise UnsupportedMedia(
            f"{file_name}: nội dung không phải tệp {suffix} (thiếu phần mở đầu của định dạng)"
        )


async def _read_body(request: Request, limit: int) -> bytes:
    """The body, refused as soon as it passes `limit` (the middleware counts it as well)."""
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise PayloadTooLarge(f"tệp tải lên vượt giới hạn {limit:,} byte".replace(",", "."))
        chunks.append(chunk)
    return b"".join(chunks)
