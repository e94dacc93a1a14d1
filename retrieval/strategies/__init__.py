"""Answer strategies, one job each, that `retrieval.assistant.Assistant` routes a question to."""
