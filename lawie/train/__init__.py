"""Fine-tuning lawie's NER + relation model (``lawie train``). Needs the ``[train]`` extra."""
