import pathlib as pl

source = pl.PurePosixPath("/usr/lib/python3.11/json/__init__.py")
print(source.name, source.suffix, source.stem)
for part in source.parts:
    print("part", part)
print(str(source.parent))
print(str(source.with_suffix(".pyi")))
print(str(source.parent.joinpath("decoder.py")))
print("absolute", int(source.is_absolute()))
print("matches", int(source.match("*.py")))
print(str(source.relative_to("/usr/lib")))
