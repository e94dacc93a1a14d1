"""Prepare the process for ragas: telemetry off, and one known resource leak contained.

Import this module before anything imports ragas (``eval.ragas_metrics`` and
``eval.ragas_llm`` do): ragas reads ``RAGAS_DO_NOT_TRACK`` once and caches it.
"""

from __future__ import annotations

import os
import warnings

os.environ["RAGAS_DO_NOT_TRACK"] = "true"


def prepare_ragas() -> None:
    """Import ragas with its analytics user id read once, quietly.

    ragas 0.4.3 builds an analytics event on every metric call even with tracking off,
    and its ``get_userid`` reads ``~/.local/share/ragas/uuid.json`` without closing the
    file (a ResourceWarning, an error under our test settings). The id is cached after
    the first call, so reading it here once with that warning silenced contains it.
    """
    from ragas._analytics import get_userid

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        get_userid()
