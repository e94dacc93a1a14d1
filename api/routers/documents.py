"""`/v1/documents`: list, show (metadata + clause tree), look up clauses, upload, delete."""

from __future__ import annotations

import logging
from pathlib import Path as FilePath
from pathlib import PurePosixPath, PureWindowsPath
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request, Response, status

from api.deps import AdminAccess, ReadAccess, StateDep
from api.errors import InvalidRequest, NotFound, PayloadTooLarge, UnsupportedMedia
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
from ingest.reader import TEXT_SUFFIXES, decode_text, document_id_for

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/v1/documents", tags=["documents"])

UPLOAD_MEDIA_TYPES = ("text/plain", "text/markdown", "application/octet-stream")
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
        raise NotFound(f"{document_id} has no clause numbered {number!r}", code="unknown_clause")
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
        415: {"model": ErrorResponse, "description": "not a text or markdown file"},
        422: {"model": ErrorResponse, "description": "not UTF-8, empty, or a bad name"},
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "description": "the plan file's bytes (UTF-8 text or markdown)",
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
        str | None, Query(max_length=40, description="text encoding when not UTF-8")
    ] = None,
) -> JobOut:
    """Upload a plan (admin key): it is ingested in the background; poll the job.

    Uploading a changed file with the same name updates that document in place.
    """
    file_name = _plain_file_name(name)
    _check_media_type(request.headers.get("content-type"), file_name)
    data = await _read_body(request, state.api_settings.api_max_upload_bytes)
    # Unreadable input fails now (422) rather than later in the job.
    decode_text(data, file_name, encoding)
    document_id = document_id_for(FilePath(file_name))

    def ingest() -> dict[str, object]:
        outcome = state.engine.ingest_bytes(data, document_id, file_name, encoding)
        return IngestResult(
            document_id=outcome.document_id,
            status=outcome.status,  # type: ignore[arg-type]
            clauses=outcome.clauses,
            targets=outcome.targets,
            points=outcome.points,
            warnings=list(outcome.warnings),
        ).model_dump()

    job = state.jobs.submit("ingest", document_id, ingest)
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
    job = state.jobs.submit("remove", document_id, lambda: state.engine.remove(document_id))
    response.headers["Location"] = f"/v1/jobs/{job.id}"
    return JobOut.from_job(job)


def _unknown(document_id: str) -> NotFound:
    return NotFound(f"no document {document_id!r} is ingested", code="unknown_document")


def _plain_file_name(name: str) -> str:
    """The last part of a name, whichever separator the client used."""
    base = PureWindowsPath(PurePosixPath(name).name).name.strip()
    if not base or base in (".", ".."):
        raise InvalidRequest(f"{name!r} is not a file name", code="invalid_name")
    return base


def _check_media_type(content_type: str | None, file_name: str) -> None:
    media = (content_type or "").split(";")[0].strip().lower()
    if media not in UPLOAD_MEDIA_TYPES:
        raise UnsupportedMedia(
            f"upload the plan as {', '.join(UPLOAD_MEDIA_TYPES)}; got {media or 'no type'}"
        )
    suffix = PurePosixPath(file_name).suffix.lower()
    if suffix not in TEXT_SUFFIXES:
        raise UnsupportedMedia(
            f"{file_name}: unsupported format {suffix or '(none)'}; supported: "
            + ", ".join(TEXT_SUFFIXES)
        )


async def _read_body(request: Request, limit: int) -> bytes:
    """The body, refused as soon as it passes `limit` (the middleware counts it as well)."""
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise PayloadTooLarge(f"the upload is over the {limit:,}-byte limit")
        chunks.append(chunk)
    return b"".join(chunks)
