"""Training lawie's models: MLM pretraining, NER/relation fine-tuning, evaluation.

``training`` imports ``lawie``; ``lawie`` never imports ``training``.
"""
