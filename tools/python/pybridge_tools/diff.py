"""pybridge-diff: the API change between two versions of Python libraries, each change
classified as breaking or compatible for a C++ caller (docs/tools.md)."""
import json
import os
import sys

from .describing import (ToolError, describe, read_cache_file, read_json, tool_parser,
                         without_docs)

USAGE = """\
NAME
    pybridge-diff - what changed in a Python library's API, and whether it breaks callers

SYNOPSIS
    pybridge-diff OLD NEW [--json] [--fail-on breaking|any|never]

DESCRIPTION
    OLD and NEW are each a descriptor cache directory (the plugin's .pybridge_cache), a lock
    file (pybridge.lock), or the word `installed` (the modules the other side names, described
    as installed now). A lock holds only the symbols a build binds: against one, only those
    are compared.

    A change is breaking when a call that worked may now fail: a symbol or overload removed, a
    parameter removed, added without a default, made to lose its default, moved, or of
    another kind (keyword-only, positional-only), a parameter type narrowed, a result type
    widened, a property made read-only, a symbol changed kind. Added symbols, parameters with
    defaults, widened parameter types and narrowed results are compatible.

OPTIONS
    --json              the changes as JSON: [{"module", "symbol", "kind", "change"}]
    --fail-on WHAT      exit 1 on breaking changes (default), on any change, or never
    -h, --help          this text

EXIT STATUS
    0 nothing to fail on; 1 changes --fail-on names; 2 bad usage or unreadable input.

EXAMPLES
    pybridge-diff pybridge.lock installed
    pybridge-diff old-cache/ .pybridge_cache/ --json
"""

# Python's numeric tower: a parameter of the right type accepts one of the left.
WIDER = {"int": {"float", "complex"}, "float": {"complex"}, "bool": {"int", "float"}}
KIND_ACCEPTS = {"positional_only": {"positional_only", "positional_or_keyword"},
                "keyword_only": {"keyword_only", "positional_or_keyword"},
                "positional_or_keyword": {"positional_or_keyword"},
                "var_positional": {"var_positional"}, "var_keyword": {"var_keyword"}}


def type_text(expr):
    if not isinstance(expr, dict):
        return "Any"
    name, args = expr.get("name", "Any"), expr.get("args", [])
    if name == "Union":
        return " | ".join(type_text(a) for a in args)
    if name == "Literal":
        return "Literal[" + ", ".join(a.get("repr", "?") for a in args) + "]"
    return name + ("[" + ", ".join(type_text(a) for a in args) + "]" if args else "")


def members_of(expr):
    if isinstance(expr, dict) and expr.get("name") == "Union":
        return [json.dumps(a, sort_keys=True) for a in expr.get("args", [])]
    return [json.dumps(expr, sort_keys=True)]


def accepts(wide, narrow):
    """Whether every value of type `narrow` is a value of type `wide` (as far as names tell)."""
    if wide is None or (isinstance(wide, dict) and wide.get("name") == "Any") or wide == narrow:
        return True
    if narrow is None or (isinstance(narrow, dict) and narrow.get("name") == "Any"):
        return False
    wide_members = members_of(wide)
    for member in members_of(narrow):
        name = json.loads(member).get("name")
        if member not in wide_members and not any(
                json.loads(w).get("name") in WIDER.get(name, ()) for w in wide_members):
            return False
    return True


class Differ:
    def __init__(self):
        self.changes = []

    def add(self, module, symbol, breaking, change):
        self.changes.append({"module": module, "symbol": symbol,
                             "kind": "breaking" if breaking else "compatible", "change": change})

    def symbol(self, module, path, old, new):
        if old.get("kind") != new.get("kind"):
            self.add(module, path, True, f"was a {old.get('kind')}, is a {new.get('kind')}")
            return
        kind = old.get("kind")
        if kind == "function":
            self.overloads(module, path, old.get("signatures") or [], new.get("signatures") or [])
        elif kind == "class":
            self.overloads(module, path + ".__init__", old.get("init") or [], new.get("init") or [])
            for base in old.get("bases", []):
                if base not in new.get("bases", []):
                    self.add(module, path, True, f"no longer derives from {base}")
            self.members(module, path, old.get("members", {}), new.get("members", {}), True)
        elif kind in ("property", "constant"):
            self.attribute(module, path, old, new)

    def attribute(self, module, path, old, new):
        if old.get("type") != new.get("type"):
            narrower = accepts(old.get("type"), new.get("type"))
            self.add(module, path, not narrower, f"type changed from {type_text(old.get('type'))}"
                                                 f" to {type_text(new.get('type'))}")
        if not old.get("readonly", True) and new.get("readonly", False):
            self.add(module, path, True, "became read-only")

    def members(self, module, prefix, old, new, complete):
        for name in sorted(set(old) | set(new)):
            path = f"{prefix}.{name}" if prefix else f"{module}.{name}"
            if name not in new:
                self.add(module, path, True, "removed")
            elif name not in old:
                if complete:
                    self.add(module, path, False, "added")
            else:
                self.symbol(module, path, old[name], new[name])

    def overloads(self, module, path, old, new):
        for index, signature in enumerate(old):
            if index >= len(new):
                self.add(module, path, True, f"overload {index + 1} removed")
                continue
            self.signature(module, path, signature, new[index])
        for index in range(len(old), len(new)):
            self.add(module, path, False, f"overload {index + 1} added")

    def signature(self, module, path, old, new):
        old_params = {p["name"]: (i, p) for i, p in enumerate(old.get("params", []))}
        new_params = {p["name"]: (i, p) for i, p in enumerate(new.get("params", []))}
        for name, (index, param) in old_params.items():
            self.parameter(module, path, name, index, param, new_params.get(name))
        for name, (_, param) in new_params.items():
            if name in old_params:
                continue
            optional = param.get("has_default") or param["kind"] in ("var_positional",
                                                                     "var_keyword")
            self.add(module, path, not optional,
                     f"parameter '{name}' added {'with' if optional else 'without'} a default")
        if old.get("returns") != new.get("returns"):
            narrower = accepts(old.get("returns"), new.get("returns"))
            self.add(module, path, not narrower,
                     f"result changed from {type_text(old.get('returns'))} to "
                     f"{type_text(new.get('returns'))}")

    def parameter(self, module, path, name, index, old, found):
        if found is None:
            self.add(module, path, True, f"parameter '{name}' removed")
            return
        new_index, new = found
        if new["kind"] not in KIND_ACCEPTS.get(old["kind"], {old["kind"]}):
            self.add(module, path, True,
                     f"parameter '{name}' changed from {old['kind']} to {new['kind']}")
        elif old["kind"] != new["kind"]:
            self.add(module, path, False,
                     f"parameter '{name}' changed from {old['kind']} to {new['kind']}")
        if old["kind"] != "keyword_only" and new_index != index:
            self.add(module, path, True, f"parameter '{name}' moved from {index + 1} to "
                                         f"{new_index + 1}")
        if old.get("has_default") and not new.get("has_default"):
            self.add(module, path, True, f"parameter '{name}' lost its default")
        if old.get("type") != new.get("type"):
            wider = accepts(new.get("type"), old.get("type"))
            self.add(module, path, not wider,
                     f"parameter '{name}' {'widened' if wider else 'narrowed'} from "
                     f"{type_text(old.get('type'))} to {type_text(new.get('type'))}")


class Side:
    """One side of the comparison: module -> {"library_version", "symbols"}; `complete` is
    False for a lock, which holds only the symbols a build binds."""

    def __init__(self, spec, other=None):
        self.spec = spec
        self.complete = True
        if spec == "installed":
            if other is None:
                raise ToolError("'installed' needs the other side to name the modules")
            self.modules = {m: self.entry(describe(m)) for m in sorted(other.modules)}
        elif os.path.isdir(spec):
            self.modules = {}
            for name in sorted(os.listdir(spec)):
                if name.endswith(".json"):
                    descriptor = read_cache_file(os.path.join(spec, name))
                    self.modules[descriptor["module"]] = self.entry(descriptor)
            if not self.modules:
                raise ToolError(f"'{spec}' holds no descriptors (<module>.json)")
        elif os.path.isfile(spec):
            self.modules = self.lock(spec)
            self.complete = False
        else:
            raise ToolError(f"'{spec}' is neither a descriptor cache, a lock file nor 'installed'")

    @staticmethod
    def entry(descriptor):
        return {"library_version": descriptor.get("library_version"),
                "symbols": without_docs(descriptor["root"].get("members", {}))}

    @staticmethod
    def lock(path):
        lock = read_json(path, "a lock file")
        if not isinstance(lock, dict) or lock.get("pybridge_lock") != 1:
            raise ToolError(f"'{path}' is not a lock file (\"pybridge_lock\": 1 expected)")
        return {module: {"library_version": entry.get("library_version"),
                         "symbols": entry.get("symbols", {})}
                for module, entry in lock.get("modules", {}).items()}


def compare(old, new):
    differ = Differ()
    versions = []
    for module in sorted(set(old.modules) | set(new.modules)):
        if module not in new.modules:
            if new.complete:
                differ.add(module, module, True, "module removed")
            continue
        if module not in old.modules:
            if old.complete:
                differ.add(module, module, False, "module added")
            continue
        before, after = old.modules[module], new.modules[module]
        versions.append((module, before["library_version"], after["library_version"]))
        names = set(before["symbols"]) | set(after["symbols"])
        if not old.complete or not new.complete:  # a lock: only what it holds
            names = set(before["symbols"] if not old.complete else after["symbols"])
        pick = lambda symbols: {n: symbols[n] for n in names if n in symbols}  # noqa: E731
        differ.members(module, "", pick(before["symbols"]), pick(after["symbols"]),
                       old.complete and new.complete)
    return versions, differ.changes


def report(versions, changes):
    for module, before, after in versions:
        print(f"{module}: {before or '?'} -> {after or '?'}")
        for change in (c for c in changes if c["module"] == module):
            print(f"  {change['kind']:<10}  {change['symbol']}: {change['change']}")
    for change in (c for c in changes if c["module"] not in {v[0] for v in versions}):
        print(f"  {change['kind']:<10}  {change['symbol']}: {change['change']}")
    breaking = sum(c["kind"] == "breaking" for c in changes)
    print(f"{breaking} breaking, {len(changes) - breaking} compatible change"
          f"{'s' * (len(changes) - breaking != 1)}")


def main(argv):
    parser = tool_parser("pybridge-diff", USAGE)
    parser.add_argument("sides", nargs="*")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--fail-on", choices=["breaking", "any", "never"], default="breaking")
    args = parser.parse_args(argv)
    if len(args.sides) != 2:
        parser.error("give OLD and NEW")
    try:
        old = Side(args.sides[0]) if args.sides[0] != "installed" else None
        new = Side(args.sides[1], old)
        old = old or Side("installed", new)
        versions, changes = compare(old, new)
    except ToolError as error:
        print(f"pybridge-diff: error: {error}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(changes, indent=1))
    else:
        report(versions, changes)
    breaking = any(c["kind"] == "breaking" for c in changes)
    return int({"breaking": breaking, "any": bool(changes), "never": False}[args.fail_on])
