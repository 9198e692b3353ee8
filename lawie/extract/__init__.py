"""Entity and relation extraction: the extractor interface and its implementations."""
