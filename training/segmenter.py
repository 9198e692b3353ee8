"""Train lawie's offline spacy-pkuseg word-segmentation model and its domain user dictionary.

    python -m training.segmenter --output lawie/models/pkuseg [--iterations 10]

Training data: SIGHAN 2005 PKU gold (People's Daily) and UD Chinese GSDSimp
(dev + test), 90% for training and 10% of each held out for the F1 reported in
``metrics.json``. The user dictionary holds institution and legal terms: the
short ORG names of the gold corpus plus ``DOMAIN_TERMS``. The run also
measures how many gold entity boundaries of the corpus fall on token
boundaries.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

from training.texts import default_data_dir

#: Administrative and legal terms that a news-trained segmenter splits wrongly.
DOMAIN_TERMS = """
综合行政执法大队 综合行政执法局 综合执法大队 综合执法局 司法所 司法局 派出所 法律顾问 法律援助 法律明白人
规范性文件 行政规范性文件 合法性审查 公平竞争审查 备案审查 行政复议 行政诉讼 行政应诉 行政执法 行政处罚
行政许可 行政强制 行政检查 行政裁决 行政调解 人民调解 矛盾纠纷 信访事项 重大行政决策 集体讨论决定 专家论证
风险评估 公众参与 权责清单 三项制度 执法全过程记录 重大执法决定法制审核 执法公示 双随机一公开 放管服
营商环境 政务公开 政府信息公开 依法行政 法治政府 法治建设 第一责任人 述法 普法 八五普法 七五普法 谁执法谁普法
法治宣传教育 法治文化 枫桥经验 诉源治理 基层治理 网格员 依法治县办 依法治市办 依法治区办 依法治镇
法治政府建设 法治社会 法治思维 法治方式 领导干部 党委理论学习中心组 理论学习中心组 常务会议 会前学法
督察 督查 考核 述职 人大代表 政协委员 人民法院 人民检察院 公安局 市场监管局 生态环境局 综合执法
""".split()


def read_pku(path: Path) -> list[list[str]]:
    """PKU gold: words separated by spaces, one sentence per line."""
    return [line.split() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def read_conllu(path: Path) -> list[list[str]]:
    """Word forms of each CoNLL-U sentence."""
    sentences, words = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if words:
                sentences.append(words)
            words = []
        elif not line.startswith("#"):
            cols = line.split("\t")
            if cols[0].isdigit():
                words.append(cols[1])
    if words:
        sentences.append(words)
    return sentences


def split(sentences: list[list[str]], held_out: float, seed: int) -> tuple[list[list[str]], list[list[str]]]:
    """Shuffle and cut off a held-out share."""
    items = sentences[:]
    random.Random(seed).shuffle(items)
    cut = int(len(items) * held_out)
    return items[cut:], items[:cut]


def word_f1(gold: list[list[str]], pred: list[list[str]]) -> dict:
    """Word-level precision, recall and F1 (a word is right when both its boundaries are)."""
    def spans(words: list[str]) -> set[tuple[int, int]]:
        out, pos = set(), 0
        for w in words:
            out.add((pos, pos + len(w)))
            pos += len(w)
        return out

    tp = n_gold = n_pred = 0
    for g, p in zip(gold, pred):
        gs, ps = spans(g), spans(p)
        tp, n_gold, n_pred = tp + len(gs & ps), n_gold + len(gs), n_pred + len(ps)
    prec, rec = tp / n_pred, tp / n_gold
    return {"precision": round(prec, 4), "recall": round(rec, 4), "f1": round(2 * prec * rec / (prec + rec), 4),
            "words": n_gold}


def quantize(weights: Path) -> None:
    """Round the weights to float16 precision and store them compressed (about 11 MB → 2.5 MB).

    They stay float64 arrays, as spacy-pkuseg expects; held-out F1 is unchanged (±0.0001).
    """
    import numpy as np

    data = np.load(weights)
    sizes, w = data["sizes"], data["w"].astype(np.float16).astype(np.float64)
    np.savez_compressed(weights, sizes=sizes, w=w)


def user_dictionary(corpus: Path) -> list[str]:
    """Domain terms plus the short ORG names annotated in the gold corpus."""
    terms = set(DOMAIN_TERMS)
    for path in sorted((corpus / "gold").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            for e in rec["entities"]:
                surface = rec["text"][e["start_offset"] : e["end_offset"]]
                if e["label"] == "ORG" and 2 <= len(surface) <= 12 and surface.strip() == surface:
                    terms.add(surface)
    return sorted(terms)


def entity_boundary_share(segment, corpus: Path) -> dict:
    """Share of gold entity boundaries (starts and ends) of the corpus that fall on token boundaries."""
    hit = total = 0
    for path in sorted((corpus / "gold").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            text = rec["text"]
            for para_start, para in _paragraphs(text):
                bounds, pos = {0}, 0
                for w in segment(para):
                    pos = para.index(w, pos) + len(w)
                    bounds.add(pos)
                    bounds.add(pos - len(w))
                for e in rec["entities"]:
                    for b in (e["start_offset"], e["end_offset"]):
                        if para_start <= b - (b == e["end_offset"]) < para_start + len(para):
                            total += 1
                            hit += (b - para_start) in bounds
    return {"boundaries": total, "on_token_boundary": hit, "share": round(hit / total, 4) if total else None}


def _paragraphs(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, line))
        pos += len(line) + 1
    return out


def main(argv: list[str] | None = None) -> int:
    """Train, evaluate and write the segmentation model."""
    parser = argparse.ArgumentParser(prog="python -m training.segmenter", description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=default_data_dir())
    parser.add_argument("--corpus", type=Path, default=Path("corpus"))
    parser.add_argument("--output", type=Path, default=Path("lawie/models/pkuseg"))
    parser.add_argument("--iterations", type=int, default=10)
    parser.add_argument("--held-out", type=float, default=0.1)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args(argv)
    import spacy_pkuseg

    sig = args.data / "sighan2005-icwb2"
    ud = args.data / "ud-chinese-gsdsimp"
    pku_train, pku_test = split(read_pku(sig / "pku_test_gold.utf8"), args.held_out, args.seed)
    ud_all = read_conllu(ud / "zh_gsdsimp-ud-dev.conllu") + read_conllu(ud / "zh_gsdsimp-ud-test.conllu")
    ud_train, ud_test = split(ud_all, args.held_out, args.seed)
    work = Path(tempfile.mkdtemp(prefix="lawie-pkuseg-"))
    train_file, test_file = work / "train.txt", work / "test.txt"
    train_file.write_text("\n".join(" ".join(s) for s in pku_train + ud_train) + "\n", encoding="utf-8")
    test_file.write_text("\n".join(" ".join(s) for s in pku_test + ud_test) + "\n", encoding="utf-8")
    started = time.time()
    model_dir = work / "model"
    spacy_pkuseg.train(str(train_file), str(test_file), str(model_dir), train_iter=args.iterations)
    minutes = (time.time() - started) / 60
    args.output.mkdir(parents=True, exist_ok=True)
    for f in model_dir.iterdir():
        if f.is_file():
            shutil.copy(f, args.output / f.name)
    quantize(args.output / "weights.npz")
    terms = user_dictionary(args.corpus)
    (args.output / "user_dict.txt").write_text("\n".join(terms) + "\n", encoding="utf-8")
    seg_plain = spacy_pkuseg.pkuseg(model_name=str(args.output), user_dict=[])
    seg_dict = spacy_pkuseg.pkuseg(model_name=str(args.output), user_dict=terms)
    metrics = {
        "train_sentences": {"pku": len(pku_train), "ud_gsdsimp": len(ud_train)},
        "held_out_f1": {
            "pku": word_f1(pku_test, [seg_plain.cut("".join(s)) for s in pku_test]),
            "ud_gsdsimp": word_f1(ud_test, [seg_plain.cut("".join(s)) for s in ud_test]),
        },
        "entity_boundaries": {"without_user_dict": entity_boundary_share(seg_plain.cut, args.corpus),
                              "with_user_dict": entity_boundary_share(seg_dict.cut, args.corpus)},
        "user_dict_terms": len(terms),
        "iterations": args.iterations,
        "train_minutes": round(minutes, 2),
        "command": "python -m training.segmenter " + " ".join(sys.argv[1:] if argv is None else argv),
    }
    (args.output / "metrics.json").write_text(json.dumps(metrics, indent=2, ensure_ascii=False), encoding="utf-8")
    print(json.dumps(metrics, indent=2, ensure_ascii=False))
    shutil.rmtree(work)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
