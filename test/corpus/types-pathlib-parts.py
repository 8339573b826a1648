import os
import posixpath
from pathlib import PurePosixPath


def flag(value):
    return "1" if value else "0"


report = PurePosixPath("/srv/data/2024/report.final.csv")
print("name", report.name)
print("stem", report.stem, "suffix", report.suffix)
print("parent", os.fspath(report.parent))
print("parts" + "".join(f" [{part}]" for part in report.parts))
json = report.with_suffix(".json")
print("with_suffix", os.fspath(json))
joined = report.parent / "archive" / "old.csv"
print("joined", joined, "absolute", flag(joined.is_absolute()))
print("match *.csv", flag(joined.match("*.csv")), "match *.txt", flag(joined.match("*.txt")))
root, ext = os.path.splitext(report)
print("splitext", root, "|", ext)
print("basename", os.path.basename(json))
base = PurePosixPath("/srv")
print("relative", report.relative_to(base))
print("relpath", posixpath.relpath(report, PurePosixPath("/srv/data/2023")))
print("joinpath", base.joinpath("etc"))
