"""C++ names for Python names: what C++ cannot spell (keywords, names a standard header
defines as a macro, names taken by pybridge::Object) gets a trailing underscore, and the stub
keeps the Python name in [[pybridge::name("...")]] (or its bound path)."""
import builtins

CXX_KEYWORDS = set("""
alignas alignof and and_eq asm auto bitand bitor bool break case catch char char8_t char16_t
char32_t class compl concept const consteval constexpr constinit const_cast continue co_await
co_return co_yield decltype default delete do double dynamic_cast else enum explicit export
extern false float for friend goto if inline int long mutable namespace new noexcept not not_eq
nullptr operator or or_eq private protected public register reinterpret_cast requires return
short signed sizeof static static_assert static_cast struct switch template this thread_local
throw true try typedef typeid typename union unsigned using virtual void volatile wchar_t while
xor xor_eq final override import module
""".split())
# Macros of the C and C++ headers a stub header includes, and glibc's.
MACROS = set("""
assert errno EOF NULL stdin stdout stderr major minor makedev unix linux BUFSIZ FILENAME_MAX
INFINITY NAN HUGE_VAL EXIT_SUCCESS EXIT_FAILURE RAND_MAX SEEK_SET SEEK_CUR SEEK_END CHAR_BIT
INT_MAX INT_MIN LONG_MAX LONG_MIN TRUE FALSE DOMAIN OVERFLOW UNDERFLOW
""".split())
# Members of pybridge::Object a stub must not hide by accident.
OBJECT_MEMBERS = {"call", "attr", "set_attr", "Object"}


def _unspellable(name, taken):
    return (name in CXX_KEYWORDS or name in MACROS or name in taken or "__" in name or
            (name[:1] == "_" and name[1:2].isupper()))


def cxx_name(name, taken=()):
    """`name` if C++ can spell it here, else a spelling it can, and whether it was changed."""
    spelled = name
    if not spelled.isidentifier() or not spelled.isascii():
        spelled = "".join(c if c.isascii() and (c.isalnum() or c == "_") else "_" for c in name)
        if spelled[:1].isdigit():
            spelled = "_" + spelled
    if _unspellable(spelled, taken):
        stem = "_".join(part for part in spelled.split("_") if part) or "value"
        candidates = [stem + "_"] + [f"{stem}_{n}" for n in range(2, 100)]
        spelled = next(c for c in candidates if not _unspellable(c, taken))
    return spelled, spelled != name


def is_exception_class(symbol, module_classes):
    """Whether a described class is an exception (bases are qualified names, builtins bare)."""
    seen = set()
    pending = list(symbol.get("bases", []))
    while pending:
        base = pending.pop()
        if base in seen:
            continue
        seen.add(base)
        short = base.rsplit(".", 1)[-1]
        builtin = getattr(builtins, short, None) if base in (short, "builtins." + short) else None
        if isinstance(builtin, type) and issubclass(builtin, BaseException):
            return True
        if base in module_classes:
            pending.extend(module_classes[base].get("bases", []))
    return False

