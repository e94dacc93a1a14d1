"""One router per resource: ask, documents, targets, jobs, health."""
