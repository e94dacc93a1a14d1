"""Pure evaluation metrics for kehoach, independent of the answering code.

Modules, one per metric family:

- ``text``: whitespace normalisation and the diacritic-insensitive fold they share;
- ``retrieval``: relevance of a retrieved clause, hit@k, reciprocal rank, nDCG@k;
- ``facts``: key-fact accuracy of an answer;
- ``citations``: citation correctness and verbatim-ness;
- ``abstention``: precision/recall of abstaining;
- ``aggregate``: per-type and overall means of per-question results;
- ``goldset``: loading the gold set and counting it by type, tag and document.
"""
