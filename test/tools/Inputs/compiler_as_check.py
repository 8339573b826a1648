"""A stand-in for clang++ that runs pybridge-check where the compiler would only check.

The plugin's diagnostic tests (test/plugin) are run again with it in place of %clangxx
(check-plugin-tests.test): every `-fsyntax-only` compilation becomes
`pybridge-check FILE -- ARGS`, so their `-Xclang -verify` lines and FileCheck patterns hold
for pybridge-check too. Compilations that dump the AST or generate code go to clang.

Usage: compiler_as_check.py PYBRIDGE_CHECK CLANGXX ARGS...
"""
import os
import sys

CODEGEN_OR_DUMP = ("-ast-dump", "-emit-llvm", "-S", "-c", "-E")


def main(argv):
    check, clangxx, args = argv[1], argv[2], argv[3:]
    sources = [a for a in args if a.endswith(".cpp") and not a.startswith("-")]
    if "-fsyntax-only" not in args or any(a in CODEGEN_OR_DUMP for a in args) or len(sources) != 1:
        os.execv(clangxx, [clangxx] + args)
    rest = [a for a in args if a != sources[0]]
    os.execv(check, [check, sources[0], "--", clangxx] + rest)


if __name__ == "__main__":
    main(sys.argv)
