"""From a question to a cited answer: understanding, look-up, search, reranking, composition."""
