"""Retrieval-only baselines the assistant is compared with, on the same questions.

- ``bm25_chunks``: BM25 over fixed-size character chunks of the plan files;
- ``llamaindex_dense``: llama-index's default ``SentenceSplitter`` chunks and dense top-k
  with our embedding model (imports llama-index; load it lazily).

A baseline's "answer" is its top chunk, its citation that chunk, and it never abstains
(``retrieval_only.retrieval_only_output``).
"""
