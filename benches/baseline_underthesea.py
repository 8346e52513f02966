#!/usr/bin/env python3
"""Baseline a user would pick: underthesea's `ner` (offline CRF) against seedls.

    benches/baseline_underthesea.sh            # makes the venv, then runs this
    python baseline_underthesea.py --bin target/release/seedls --gold tests/gold \
        --throughput /tmp/seedls-corpus/100

In one run, on the same text:
  * person precision / recall of both against the team's gold corpus
    (`tests/gold/`, format in tests/gold/README.md), exact spans;
  * throughput of both: underthesea.ner per paragraph (model loaded and warmed
    up first) vs the `seedls annotate --format json` process over the same files.

Gold person mentions include inferred ones (a title phrase referring back to a
named person); underthesea cannot produce those, so recall is reported both
over all gold persons and over named mentions only.

Inputs: seedls reads every gold article exactly as the team's gold test feeds
the core (articles whose name contains `nfd` are converted to NFD); underthesea
gets NFC text, its best case. Spans are compared in NFC character offsets.
"""

import argparse
import json
import pathlib
import subprocess
import sys
import tempfile
import time
import unicodedata


def nfc(s):
    return unicodedata.normalize("NFC", s)


def whole_word_occurrences(hay, needle):
    out, i = [], hay.find(needle)
    while i >= 0:
        before = hay[i - 1] if i > 0 else " "
        after = hay[i + len(needle)] if i + len(needle) < len(hay) else " "
        if not before.isalnum() and not after.isalnum():
            out.append(i)
        i = hay.find(needle, i + 1)
    return out


def load_gold(gold_dir):
    """{name: (nfc text, raw text given to seedls, {(start, end): named?})} in NFC char offsets."""
    articles = {}
    for gold in sorted(gold_dir.glob("*.gold")):
        name = gold.stem
        original = nfc(gold.with_suffix(".txt").read_text(encoding="utf-8"))
        raw = unicodedata.normalize("NFD", original) if "nfd" in name else original
        # Like the core's normalisation: NFC, and Ð (U+00D0) read as Đ; one char each.
        text = original.replace("\u00d0", "\u0110")
        persons = {}
        for n, line in enumerate(gold.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            fields = line.split("\t")
            if fields[0] != "person":
                continue
            needle = nfc(fields[1])
            found = whole_word_occurrences(text, needle)
            if not found:
                sys.exit(f"{gold}:{n}: {needle!r} not in the article")
            wanted = [int(x) for x in fields[2].split(",")] if len(fields) > 2 else range(1, len(found) + 1)
            named = all(w[:1].isupper() for w in needle.split())
            for w in wanted:
                start = found[w - 1]
                persons[(start, start + len(needle))] = named
        articles[name] = (text, raw, persons)
    return articles


def seedls_persons(binary, articles):
    """Person spans from `seedls annotate --format json`, in NFC char offsets."""
    with tempfile.TemporaryDirectory() as tmp:
        paths = {}
        for name, (_, raw, _) in articles.items():
            p = pathlib.Path(tmp) / f"{name}.txt"
            p.write_text(raw, encoding="utf-8")
            paths[str(p)] = name
        out = subprocess.run([binary, "annotate", "--format", "json", tmp],
                             capture_output=True, text=True, check=True).stdout
    found = {name: set() for name in articles}
    for line in out.splitlines():
        a = json.loads(line)
        if a["kind"] != "person" or a["path"] not in paths:
            continue
        name = paths[a["path"]]
        raw = articles[name][1]
        lines = raw.split("\n")
        # 1-based line and column in Unicode scalar values -> char offset in raw.
        def offset(line_no, col):
            return sum(len(l) + 1 for l in lines[: line_no - 1]) + col - 1
        start, end = offset(a["line"], a["column"]), offset(a["end_line"], a["end_column"])
        s, e = len(nfc(raw[:start])), len(nfc(raw[:end]))
        found[name].add((s, e))
    return found


def underthesea_spans(ner, text):
    """PER spans of underthesea.ner, aligned back to `text` (NFC char offsets)."""
    spans = []
    pos = 0
    for para in text.split("\n"):
        base = pos
        pos += len(para) + 1
        if not para.strip():
            continue
        cursor, current = 0, None
        for word, _pos, _chunk, tag in ner(para):
            at = para.find(word, cursor)
            if at < 0:
                continue
            cursor = at + len(word)
            if tag == "B-PER" or (tag == "I-PER" and current is None):
                if current:
                    spans.append(current)
                current = [base + at, base + cursor]
            elif tag == "I-PER":
                current[1] = base + cursor
            else:
                if current:
                    spans.append(current)
                current = None
        if current:
            spans.append(current)
    return {tuple(s) for s in spans}


def score(predicted, articles, named_only=False):
    tp = fp = fn = 0
    for name, (_, _, gold) in articles.items():
        g = {span for span, named in gold.items() if named or not named_only}
        p = predicted.get(name, set())
        if named_only:  # do not count predictions of inferred mentions as false
            p = {s for s in p if s not in gold or gold[s]}
        tp += len(p & g)
        fp += len(p - g)
        fn += len(g - p)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": round(precision, 3), "recall": round(recall, 3)}


def throughput(binary, ner, corpus, limit):
    files = sorted(corpus.glob("*/*.txt"))[:limit] or sorted(corpus.glob("*.txt"))[:limit]
    texts = [nfc(f.read_text(encoding="utf-8")) for f in files]
    mb = sum(len(t.encode()) for t in texts) / 1e6
    ner("Ông Nguyễn Văn An làm việc tại Hà Nội.")  # load the model first
    start = time.process_time()
    wall = time.perf_counter()
    for t in texts:
        for para in t.split("\n"):
            if para.strip():
                ner(para)
    u_cpu, u_wall = time.process_time() - start, time.perf_counter() - wall
    # seedls: the whole annotate process over the same files, median of 3.
    walls, cpus = [], []
    for _ in range(3):
        t0 = time.perf_counter()
        r = subprocess.run(["/usr/bin/time", "-f", "%U %S", binary, "annotate", "--format", "json",
                            *map(str, files)], capture_output=True, text=True)
        walls.append(time.perf_counter() - t0)
        u, s = r.stderr.strip().splitlines()[-1].split()
        cpus.append(float(u) + float(s))
    s_wall, s_cpu = sorted(walls)[1], sorted(cpus)[1]
    return {
        "files": len(files), "megabytes": round(mb, 3),
        "underthesea_cpu_s": round(u_cpu, 3), "underthesea_wall_s": round(u_wall, 3),
        "underthesea_mb_per_cpu_s": round(mb / u_cpu, 4),
        "seedls_cpu_s": round(s_cpu, 3), "seedls_wall_s": round(s_wall, 3),
        "seedls_mb_per_cpu_s": round(mb / s_cpu, 2) if s_cpu else None,
        "speedup_cpu": round(u_cpu / s_cpu, 1) if s_cpu else None,
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin", default="target/release/seedls")
    ap.add_argument("--gold", default="tests/gold", type=pathlib.Path)
    ap.add_argument("--throughput", type=pathlib.Path, help="a gen_corpus folder for the speed runs")
    ap.add_argument("--limit", type=int, default=100, help="articles used for the speed runs")
    ap.add_argument("--json", type=pathlib.Path)
    args = ap.parse_args()

    from underthesea import ner as raw_ner
    import underthesea

    def ner(text):
        return raw_ner(text)

    articles = load_gold(args.gold)
    ours = seedls_persons(args.bin, articles)
    theirs = {name: underthesea_spans(ner, text) for name, (text, _, _) in articles.items()}
    gold_total = sum(len(p) for _, _, p in articles.values())
    named_total = sum(sum(p.values()) for _, _, p in articles.values())
    result = {
        "underthesea_version": underthesea.__version__,
        "gold_articles": len(articles),
        "gold_persons": gold_total,
        "gold_named_persons": named_total,
        "seedls_all": score(ours, articles),
        "underthesea_all": score(theirs, articles),
        "seedls_named": score(ours, articles, named_only=True),
        "underthesea_named": score(theirs, articles, named_only=True),
    }
    corpus = args.throughput or args.gold
    result["throughput"] = throughput(args.bin, ner, corpus, args.limit)
    text = json.dumps(result, indent=2, ensure_ascii=False)
    print(text)
    if args.json:
        args.json.write_text(text + "\n")


if __name__ == "__main__":
    main()
