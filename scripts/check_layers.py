#!/usr/bin/env python3
"""Checks that no include in runtime/src runs up from a lower layer to a higher one.

The layer table is the one in docs/architecture.md ("Layers of the runtime"): each row names a
layer and the files in it (by stem: `worker` is worker.hpp and worker.cpp). A file may include
files of its own layer and of lower-numbered layers; every file of the directory must be in
the table. Prints one line per violation and exits 1 if any.

usage: check_layers.py DOC SRC_DIR
"""
import pathlib
import re
import sys

ROW = re.compile(r"^\|\s*(\d+)\s+([\w /-]+?)\s*\|(.*)\|")
STEM = re.compile(r"`([\w.]+)`")
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def read_layers(doc: pathlib.Path) -> dict:
    """Stem -> (rank, layer name), from the table under the "Layers of the runtime" heading."""
    layers, in_section = {}, False
    for line in doc.read_text().splitlines():
        if line.startswith("#"):
            in_section = "Layers of the runtime" in line
            continue
        match = ROW.match(line) if in_section else None
        if not match:
            continue
        rank, name = int(match.group(1)), match.group(2)
        for stem in STEM.findall(match.group(3).split("|")[0]):
            if stem in layers:
                raise SystemExit(f"{doc}: '{stem}' is in two layers")
            layers[stem] = (rank, name)
    if not layers:
        raise SystemExit(f"{doc}: no layer table under 'Layers of the runtime'")
    return layers


def stem_of(name: str) -> str:
    return name.rsplit(".", 1)[0]


def main(argv: list) -> int:
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    doc, src = pathlib.Path(argv[1]), pathlib.Path(argv[2])
    layers = read_layers(doc)
    problems = []
    files = sorted(src.glob("*.[ch]pp"))
    for path in files:
        own = layers.get(stem_of(path.name))
        if own is None:
            problems.append(f"{path.name}: not in the layer table of {doc.name}")
            continue
        for included in INCLUDE.findall(path.read_text()):
            target = layers.get(stem_of(included))
            if target is None:
                if (src / included).exists():
                    problems.append(f"{path.name}: includes {included}, which is in no layer")
                continue  # generated (pybridge.pb.h) or outside the directory
            if target[0] > own[0]:
                problems.append(f"{path.name} (layer {own[0]} {own[1]}) includes {included} "
                                f"(layer {target[0]} {target[1]}): an include up the layers")
    for problem in problems:
        print(problem)
    if not problems:
        print(f"layers: {len(files)} files checked, every include goes down or across")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
