"""pybridge-discover: a stub header from the descriptors of Python modules (docs/tools.md).

    pybridge-discover statistics difflib.SequenceMatcher numpy.linalg -o py/stats.hpp

Namespaces mirror modules (under `py::` unless --namespace says otherwise); functions, classes
(constructors, methods, properties, static and class methods, dunders as operators), overloads,
constants; docstrings as `///` comments, deprecations as [[deprecated]]. Unless --no-verify, the
header is compiled with the plugin and what the compiler rejects is moved to the list of
symbols not emitted, with the compiler's message: the header compiles with no error and no
warning under -Wall -Wextra. The output is deterministic.
"""
import fnmatch
import os
import re
import sys

from .cxxtypes import CHRONO, TypeSpeller
from .describing import ToolError, describe, tool_parser
from .names import cxx_name, is_exception_class
from .render import Header
from .stubs import ModuleEmitter
from .verify import verify

USAGE = """\
NAME
    pybridge-discover - write a C++ stub header from Python modules

SYNOPSIS
    pybridge-discover PATH... [-o FILE | --output-dir DIR] [--include GLOB] [--exclude GLOB]
                      [--namespace NS] [--no-verify] [--cache-dir DIR]

DESCRIPTION
    Describes each PATH (a module such as statistics or numpy.linalg, or a class or function in
    one, such as difflib.SequenceMatcher) the way the PyBridge plugin does, and writes stubs for
    its public members: functions and their overloads, classes with constructors, methods,
    properties, static and class methods and operators, module constants. Types follow the type
    mapping (docs/type-mapping.md); pybridge::Value stands where no C++ type holds what Python
    may pass. Docstrings become /// comments, deprecated APIs [[deprecated]]. What cannot be
    expressed is listed at the end of the header with the reason, and a coverage line says how
    many public symbols were emitted.

    Unless --no-verify, the header is compiled with the plugin (clang++ -fsyntax-only -Wall
    -Wextra) and every declaration the compiler rejects is listed instead, with its message.

OPTIONS
    -o FILE            the header to write (default: standard output)
    --output-dir DIR   one header per module instead: DIR/<module>.hpp
    --include GLOB     emit only members whose dotted path matches (repeatable)
    --exclude GLOB     leave out members whose dotted path matches (repeatable)
    --namespace NS     the namespace around the modules' namespaces (default: py; "" for none)
    --no-verify        do not compile the header to check it
    --cache-dir DIR    the plugin's descriptor cache for the check (default: .pybridge_cache)
    -h, --help         this text

EXIT STATUS
    0 the header was written; 2 bad usage, or a module that cannot be described.

EXAMPLES
    pybridge-discover statistics -o py/statistics.hpp
    pybridge-discover numpy.linalg numpy.random --output-dir py/
    pybridge-discover sympy.core --include 'sympy.core.Symbol*' --include 'sympy.core.expand'
"""


def parse_arguments(argv):
    parser = tool_parser("pybridge-discover", USAGE)
    parser.add_argument("paths", nargs="*")
    parser.add_argument("-o", "--output")
    parser.add_argument("--output-dir")
    parser.add_argument("--include", action="append", default=[])
    parser.add_argument("--exclude", action="append", default=[])
    parser.add_argument("--namespace", default="py")
    parser.add_argument("--no-verify", action="store_true")
    parser.add_argument("--cache-dir", default=".pybridge_cache")
    args = parser.parse_args(argv)
    if not args.paths:
        parser.error("no module given")
    if args.output and args.output_dir:
        parser.error("-o and --output-dir exclude each other")
    return args


class Selection:
    """The symbols asked for, by module: path -> (descriptor, {member name: symbol})."""

    def __init__(self, includes, excludes):
        self.includes, self.excludes = includes, excludes
        self.modules = {}
        self.skipped = {}  # module -> [(path, reason)]

    def wanted(self, path):
        if self.includes and not any(fnmatch.fnmatchcase(path, g) for g in self.includes):
            return False
        return not any(fnmatch.fnmatchcase(path, g) for g in self.excludes)

    def add(self, path):
        descriptor = describe(path)
        module = descriptor["module"]
        entry = self.modules.setdefault(module, (descriptor, {}))
        members = descriptor["root"].get("members", {})
        rest = path[len(module) + 1:] if path != module else ""
        if not rest:
            chosen = {n: s for n, s in members.items() if not n.startswith("_")}
        elif rest.split(".")[0] in members:
            chosen = {rest.split(".")[0]: members[rest.split(".")[0]]}
        else:
            raise ToolError(f"'{module}' has no member '{rest.split('.')[0]}' (asked for '{path}')")
        for name, symbol in sorted(chosen.items()):
            member_path = f"{module}.{name}"
            if self.wanted(member_path):
                entry[1][name] = symbol


def class_names(selection, namespace):
    """Python type names of the classes the header binds -> their C++ names; classes sent by
    value -> the builtin they are sent as; the exception classes."""
    classes, by_value, exceptions = {}, {}, set()
    for module, (_, members) in selection.modules.items():
        scope = "::".join(p for p in [namespace] + [cxx_name(part)[0]
                                                    for part in module.split(".")] if p)
        module_classes = {s.get("qualname", f"{module}.{n}"): s for n, s in members.items()
                          if s.get("kind") == "class"}
        for name, symbol in members.items():
            if symbol.get("kind") != "class":
                continue
            path = f"{module}.{name}"
            if is_exception_class(symbol, module_classes):
                exceptions.add(path)
                continue
            sent_as = symbol.get("value_type") or next(
                (name for name in type_names(symbol, path) if name in CHRONO), None)
            if sent_as:
                for type_name in type_names(symbol, path):
                    by_value[type_name] = sent_as
                continue
            struct = f"{scope}::{cxx_name(name)[0]}"
            for type_name in type_names(symbol, path):
                classes.setdefault(type_name, struct)
    return classes, by_value, exceptions


def type_names(symbol, path):
    """The names annotations use for a class: its path, qualname, and what __init__ returns."""
    names = [path, symbol.get("qualname")]
    names += [(init.get("returns") or {}).get("name") for init in symbol.get("init") or []]
    return [n for n in dict.fromkeys(names) if n and n not in ("Any", "None")]


def is_typing_alias(symbol):
    type_name = (symbol.get("type") or {}).get("name", "")
    return type_name.startswith("_") and ("Alias" in type_name or "Form" in type_name)


def emit_module(module, members, classes, by_value, exceptions, speller):
    emitter = ModuleEmitter(speller, classes, exceptions)
    items = []
    for name, symbol in sorted(members.items(), key=lambda kv: (kv[1].get("kind") != "class",
                                                                 kv[0])):
        path, kind = f"{module}.{name}", symbol.get("kind")
        if kind == "class" and path in exceptions:
            emitter.considered += 1
            emitter.unexpressed.append((path, "an exception class: catch pybridge::PythonError "
                                              "(or its subclass) and ask is_instance()"))
        elif kind == "class" and path in by_value:
            emitter.considered += 1
            cxx = speller.result({"name": by_value[path]}).text
            emitter.unexpressed.append((path, f"its instances travel as '{by_value[path]}' "
                                              f"values, which a stub class cannot hold: use "
                                              f"{cxx}"))
        elif kind == "class":
            items.append(emitter.klass(symbol, path))
        elif kind == "function":
            items.append(emitter.module_function(symbol, path))
        elif kind in ("constant", "property"):
            if not is_typing_alias(symbol):  # `from typing import Optional` is not API
                items.append(emitter.constant(symbol, path))
        elif kind == "module":
            emitter.considered += 1
            emitter.unexpressed.append((path, "a submodule: discover it on its own"))
        else:
            emitter.considered += 1
            emitter.unexpressed.append((path, "describing it failed in Python: "
                                              f"{symbol.get('error', 'no reason recorded')}"))
    return emitter, [item for item in items if item]


def command_line(args):
    """The command that regenerates the header (what it was made from, not where it went)."""
    words = list(args.paths)
    words += [f"--include '{g}'" for g in args.include]
    words += [f"--exclude '{g}'" for g in args.exclude]
    if args.namespace != "py":
        words.append(f"--namespace '{args.namespace}'")
    return words


def build_header(selection, modules, args, argv, dropped):
    """The header for `modules`; `dropped` maps paths the compiler rejected to its message."""
    classes, by_value, exceptions = class_names(selection, args.namespace)
    gone = {classes[path] for path in dropped if path in classes}
    classes = {name: struct for name, struct in classes.items() if struct not in gone}
    speller = TypeSpeller(classes, by_value)
    header = Header(args.namespace, command_line(args))
    for module in modules:
        descriptor, members = selection.modules[module]
        emitter, items = emit_module(module, members, classes, by_value, exceptions, speller)
        header.add_module(module, descriptor, dependencies_first(items), emitter, dropped)
    return header


def dependencies_first(items):
    """Classes before the classes whose declarations name them (std::optional<C> = nullopt
    needs C complete), then the functions; a cycle is broken where it closes."""
    structs = {item.struct: item for item in items if item.members is not None}
    ordered, state = [], {}

    def visit(item):
        if state.get(item.struct):
            return
        state[item.struct] = "visiting"
        text = "\n".join(line for m in item.members for line in m.lines)
        for name in sorted(structs):
            if name != item.struct and re.search(rf"\b{re.escape(name)}\b", text):
                visit(structs[name])
        state[item.struct] = "done"
        ordered.append(item)

    for name in sorted(structs):
        visit(structs[name])
    return ordered + [item for item in items if item.members is None]


def write(text, output):
    if output is None:
        sys.stdout.write(text)
        return
    directory = os.path.dirname(os.path.abspath(output))
    os.makedirs(directory, exist_ok=True)
    temporary = output + ".tmp"
    with open(temporary, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.replace(temporary, output)


def generate(selection, modules, args, argv, output):
    dropped = {}
    header = build_header(selection, modules, args, argv, dropped)
    if not args.no_verify:
        header = verify(lambda: build_header(selection, modules, args, argv, dropped),
                        header, dropped, args.cache_dir, os.path.basename(output or "stubs.hpp"))
    write(header.text(), output)
    for line in header.coverage_lines():
        print(f"pybridge-discover: {line}", file=sys.stderr)


def main(argv):
    args = parse_arguments(argv)
    selection = Selection(args.include, args.exclude)
    try:
        for path in args.paths:
            selection.add(path)
        modules = sorted(selection.modules)
        if args.output_dir:
            for module in modules:
                generate(selection, [module], args, argv,
                         os.path.join(args.output_dir, module + ".hpp"))
        else:
            generate(selection, modules, args, argv, args.output)
    except ToolError as error:
        print(f"pybridge-discover: error: {error}", file=sys.stderr)
        return 2
    return 0
