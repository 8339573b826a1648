"""pybridge-clean: removes the plugin's cached descriptors that can never be used again, or all
of them (docs/tools.md)."""
import json
import os
import sys

from .describing import tool_parser


USAGE = """\
NAME
    pybridge-clean - remove stale descriptors from the plugin's cache

SYNOPSIS
    pybridge-clean [--cache-dir DIR] [--all] [--dry-run]

DESCRIPTION
    A cached descriptor (DIR/<module>.json) is stale when the plugin would never use it again:
    it is corrupt or cut short, it was written by another PyBridge version, or a file it was
    made from changed (size or modification time), is gone, or appeared where a stub was
    looked for and not found (the same rule the plugin applies, clang-plugin/DescriptorStore).
    Temporary files left by an interrupted compilation go too. --all removes the whole cache
    (always safe: the next compilation describes what it needs again).

OPTIONS
    --cache-dir DIR  the cache (default: .pybridge_cache)
    --all            remove every descriptor, not only stale ones
    --dry-run        say what would be removed, remove nothing
    -h, --help       this text

EXIT STATUS
    0 done (also for a cache that does not exist); 2 bad usage or a file that cannot be removed.

EXAMPLES
    pybridge-clean --cache-dir build/.pybridge_cache
    pybridge-clean --all --dry-run
"""


def changed(source):
    """Why a descriptor's source file no longer is as it was, or None."""
    try:
        info = os.stat(source["file"])
    except OSError:
        return None if source.get("absent") else f"'{source['file']}' is gone"
    if source.get("absent"):
        return f"'{source['file']}' appeared"
    if info.st_mtime_ns != source.get("mtime_ns") or info.st_size != source.get("size"):
        return f"'{source['file']}' changed"
    return None


def staleness(path, version):
    """Why the cache file at `path` is stale, or None when the plugin may still use it."""
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return "corrupt"
    if not isinstance(data, dict) or "root" not in data:
        return "corrupt"
    made_by = (data.get("cache_key") or {}).get("pybridge")
    if version and made_by and made_by != version:
        return f"written by PyBridge {made_by}"
    sources = data.get("sources") or ([data["origin"]] if data.get("origin") else [])
    for source in sources:
        if isinstance(source, dict) and "file" in source:
            reason = changed(source)
            if reason:
                return reason
    return None


def main(argv):
    parser = tool_parser("pybridge-clean", USAGE)
    parser.add_argument("--cache-dir", default=".pybridge_cache")
    parser.add_argument("--all", action="store_true")
    parser.add_argument("--dry-run", action="store_true")
    args = parser.parse_args(argv)
    if not os.path.isdir(args.cache_dir):
        print(f"pybridge-clean: no cache at '{args.cache_dir}'", file=sys.stderr)
        return 0
    version = os.environ.get("PYBRIDGE_TOOLS_VERSION", "")
    removed = kept = 0
    try:
        for name in sorted(os.listdir(args.cache_dir)):
            path = os.path.join(args.cache_dir, name)
            if name.endswith(".tmp"):
                reason = "left by an interrupted compilation"
            elif name.endswith(".json"):
                reason = "--all" if args.all else staleness(path, version)
            elif name.endswith(".lock"):
                reason = "--all" if args.all else None  # compilers wait on it: only with --all
            else:
                continue
            if reason is None:
                kept += name.endswith(".json")
                continue
            print(f"{'would remove' if args.dry_run else 'removed'} {name}: {reason}")
            removed += name.endswith(".json")
            if not args.dry_run:
                os.remove(path)
    except OSError as error:
        print(f"pybridge-clean: error: cannot clean '{args.cache_dir}': {error}", file=sys.stderr)
        return 2
    print(f"pybridge-clean: {removed} descriptor{'s' * (removed != 1)} "
          f"{'to remove' if args.dry_run else 'removed'}, {kept} kept")
    return 0
