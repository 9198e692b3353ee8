"""A character-level tokenizer for lawie's own encoder, saved as a Hugging Face tokenizer."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path

SPECIALS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]


def build_char_tokenizer(texts: Iterable[str], min_count: int = 2, max_size: int = 8000):
    """Build a one-token-per-character tokenizer (NFKC, lower-case, whitespace dropped).

    Returns a ``transformers.PreTrainedTokenizerFast`` whose offset mapping
    points every token at one character of the original text.
    """
    from tokenizers import Regex, Tokenizer, normalizers, pre_tokenizers
    from tokenizers.models import WordLevel
    from tokenizers.processors import TemplateProcessing
    from transformers import PreTrainedTokenizerFast

    normalizer = normalizers.Sequence([normalizers.NFKC(), normalizers.Lowercase()])
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(normalizer.normalize_str(text))
    chars = [c for c, n in counts.most_common() if n >= min_count and not c.isspace()][: max_size - len(SPECIALS)]
    vocab = {tok: i for i, tok in enumerate(SPECIALS + sorted(chars))}
    tok = Tokenizer(WordLevel(vocab, unk_token="[UNK]"))
    tok.normalizer = normalizer
    tok.pre_tokenizer = pre_tokenizers.Sequence(
        [pre_tokenizers.WhitespaceSplit(), pre_tokenizers.Split(Regex("."), behavior="isolated")]
    )
    tok.post_processor = TemplateProcessing(
        single="[CLS] $A [SEP]", pair="[CLS] $A [SEP] $B [SEP]",
        special_tokens=[("[CLS]", vocab["[CLS]"]), ("[SEP]", vocab["[SEP]"])],
    )
    return PreTrainedTokenizerFast(
        tokenizer_object=tok, unk_token="[UNK]", pad_token="[PAD]", cls_token="[CLS]", sep_token="[SEP]",
        mask_token="[MASK]", model_max_length=512,
    )


def save_tokenizer(tokenizer, path: Path) -> None:
    """Save ``tokenizer`` so ``AutoTokenizer.from_pretrained(path, local_files_only=True)`` loads it."""
    path.mkdir(parents=True, exist_ok=True)
    tokenizer.save_pretrained(str(path))
