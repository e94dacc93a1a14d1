"""Named fault points in the write path, for the crash-safety tests.

`KEHOACH_FAULT_STEP=<step>` makes the process stop at that step: by default it announces
the step on stderr and waits there to be killed (`kill -9` by the test harness); with
`KEHOACH_FAULT_MODE=raise` it raises `InjectedFault` instead (for an index that cannot
outlive its process, such as qdrant-client's in-memory mode). Unset, a fault point costs
one environment look-up.
"""

from __future__ import annotations

import os
import sys
import time

FAULT_STEP_ENV = "KEHOACH_FAULT_STEP"
FAULT_MODE_ENV = "KEHOACH_FAULT_MODE"
REACHED = "KEHOACH_FAULT_REACHED"
_WAIT_FOR_KILL_S = 120.0

# Every step, in the order a write passes them.
INGEST_STEPS = (
    "ingest:start",
    "ingest:points-partial",
    "ingest:points-written",
    "ingest:source-staged",
    "ingest:facts-written",
    "ingest:committed",
    "ingest:source-published",
    "ingest:old-points-deleted",
)
REMOVE_STEPS = (
    "remove:start",
    "remove:committed",
    "remove:facts-deleted",
    "remove:points-deleted",
    "remove:source-deleted",
)


class InjectedFault(RuntimeError):
    """Raised at the configured fault point when `KEHOACH_FAULT_MODE=raise`."""


def fault_targets(step: str) -> bool:
    """Whether `KEHOACH_FAULT_STEP` names this step."""
    return os.environ.get(FAULT_STEP_ENV) == step


def fault_point(step: str) -> None:
    """Stop here when `KEHOACH_FAULT_STEP` names this step (tests only)."""
    if not fault_targets(step):
        return
    if os.environ.get(FAULT_MODE_ENV) == "raise":
        raise InjectedFault(f"injected fault at {step}")
    sys.stderr.write(f"{REACHED} {step}\n")
    sys.stderr.flush()
    time.sleep(_WAIT_FOR_KILL_S)
    os._exit(70)  # nobody killed us: fail loudly rather than carry on
