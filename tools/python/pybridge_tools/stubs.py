"""C++ stub declarations for described Python symbols (pybridge-discover's generator).

Each emitted declaration is an `Item`: its lines, the Python path it binds, and (for classes)
its members, so that a declaration the compiler rejects can be dropped by line and listed with
the reason. What cannot be expressed at all is returned as (path, reason) pairs.
"""
import copy
import textwrap

from .cxxtypes import ANY, Spelling
from .names import OBJECT_MEMBERS, cxx_name

OPERATORS = {
    "__call__": "operator()", "__getitem__": "operator[]", "__eq__": "operator==",
    "__ne__": "operator!=", "__lt__": "operator<", "__le__": "operator<=", "__gt__": "operator>",
    "__ge__": "operator>=", "__add__": "operator+", "__sub__": "operator-", "__mul__": "operator*",
    "__truediv__": "operator/", "__mod__": "operator%", "__and__": "operator&",
    "__or__": "operator|", "__xor__": "operator^", "__lshift__": "operator<<",
    "__rshift__": "operator>>", "__iadd__": "operator+=", "__isub__": "operator-=",
    "__imul__": "operator*=", "__itruediv__": "operator/=", "__neg__": "operator-",
    "__pos__": "operator+", "__invert__": "operator~",
}
UNARY = {"__neg__", "__pos__", "__invert__"}
CONVERSIONS = {"__bool__": "bool", "__int__": "long", "__index__": "long", "__float__": "double",
               "__complex__": "std::complex<double>", "__str__": "std::string"}
# Protocol methods C++ has no operator for: a named member that keeps the Python name.
NAMED_DUNDERS = {"__len__": "size", "__contains__": "contains", "__repr__": "repr",
                 "__iter__": "iter"}
# What Python's protocols require them to return, when the descriptor does not say.
DUNDER_RESULTS = {"__len__": "long", "__contains__": "bool", "__repr__": "std::string",
                  "__eq__": "bool", "__ne__": "bool", "__lt__": "bool", "__le__": "bool",
                  "__gt__": "bool", "__ge__": "bool"}
# Operators whose untyped operand is taken to be the class itself (a + b of two instances).
SELF_OPERANDS = set(OPERATORS) - {"__call__", "__getitem__"}
WIDTH = 100


class Item:
    """One declaration (a function's overloads, a class, a member) as lines of text."""

    def __init__(self, path, lines, members=None, struct=None):
        self.path = path
        self.lines = lines
        self.members = members  # a class: its member Items; None otherwise
        self.struct = struct    # a class: its C++ name

    def count(self):
        return 1 + sum(m.count() for m in self.members or [])


def doc_comment(symbol, indent):
    doc = (symbol.get("doc") or "").strip()
    if not doc:
        return []
    width = max(40, WIDTH - len(indent) - 4)
    return [f"{indent}/// {line}" if line else f"{indent}///"
            for line in textwrap.wrap(" ".join(doc.split()), width)]


def deprecation(symbol):
    message = symbol.get("deprecated")
    if not message:
        return ""
    text = " ".join(str(message).split()).replace("\\", "\\\\").replace('"', '\\"')
    return f'[[deprecated("{text}")]] '


def string_literal(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


class Parameters:
    """A signature's parameters as C++ parameters: Python order for the positional ones, then
    the keyword-only ones (required first), all with their Python names (keyword arguments go by
    name); a parameter with a default is a std::optional, left out when empty, with
    `= std::nullopt` wherever C++ allows a default argument there."""

    def __init__(self, signature, speller, self_type=None, extra=0):
        self.speller = speller
        self.self_type = self_type
        self.headers = set()
        params = signature.get("params", [])
        star = next((p for p in params if p.get("kind") == "var_positional"), None)
        named = [p for p in params if p.get("kind") not in ("var_positional", "var_keyword")]
        # A parameter that can only be None and has a default is simply left out (what follows
        # goes by keyword), unless a positional-only one follows.
        named = [p for i, p in enumerate(named) if not self._only_none(p, named[i + 1:])]
        # A private knob with a default (`_normalize=True`) is not part of the API.
        named = [p for p in named if not (p.get("name", "").startswith("_") and
                                          p.get("has_default"))]
        positional = [p for p in named if p.get("kind") in ("positional_only",
                                                            "positional_or_keyword")]
        keyword = [p for p in named if p.get("kind") == "keyword_only"]
        keyword.sort(key=lambda p: bool(p.get("has_default")))
        # Values for *args follow the positional parameters, which must then all be given.
        self.entries = [self._entry(p, positional[i + 1:], omittable_ok=not extra)
                        for i, p in enumerate(positional)]
        if extra and star:
            self.entries += [self._star_entry(star, n) for n in range(1, extra + 1)]
        self.entries += [self._entry(p, []) for p in keyword]
        # C++: no default argument before a parameter without one.
        seen_required = False
        for entry in reversed(self.entries):
            if entry["default"] and seen_required:
                entry["default"] = False
            seen_required |= not entry["default"]

    def _star_entry(self, star, n):
        spelled = self._type(star.get("type"))
        self.headers |= spelled.headers
        name = f"{cxx_name(star.get('name', 'args'))[0]}{n}"
        return {"attribute": "", "type": spelled.text, "name": name, "default": False}

    @staticmethod
    def _only_none(param, later):
        return (param.get("has_default") and (param.get("type") or {}).get("name") == "None" and
                not any(p.get("kind") == "positional_only" for p in later))

    def _entry(self, param, later_positional, omittable_ok=True):
        kind = param.get("kind")
        spelled = self._type(param.get("type"))
        if spelled.text == ANY and param.get("has_default"):
            spelled = default_type(param.get("default", "")) or spelled
        self.headers |= spelled.headers
        # An empty optional is left out and what follows goes by keyword: not before a
        # positional-only parameter.
        omittable = omittable_ok and bool(param.get("has_default")) and not (
            kind == "positional_only" and any(p.get("kind") == "positional_only"
                                              for p in later_positional))
        text = spelled.text
        if omittable:
            text = f"std::optional<{text}>"
            self.headers.add("optional")
        name, renamed = cxx_name(param.get("name", "arg"))
        # A positional-only parameter goes by position whatever its C++ name; a name attribute
        # would pass it by keyword, which Python refuses.
        keeps_name = renamed and kind != "positional_only"
        attribute = f"[[pybridge::name({string_literal(param['name'])})]] " if keeps_name else ""
        return {"attribute": attribute, "type": text, "name": name, "default": omittable}

    def _type(self, expr):
        # Operators of a class compare and combine with the class itself when Python says Any.
        if self.self_type and (expr is None or expr.get("name") == "Any"):
            return Spelling(self.self_type)
        return self.speller.argument(expr)

    def key(self):
        return tuple(e["type"] for e in self.entries)

    def text(self):
        return ", ".join(f'{e["attribute"]}{e["type"]} {e["name"]}' +
                         (" = std::nullopt" if e["default"] else "")
                         for e in self.entries)


class ModuleEmitter:
    """Declarations for one module's selected members, inside its namespace."""

    def __init__(self, speller, classes, exceptions):
        self.speller = speller
        self.classes = classes        # Python qualname -> C++ struct name (this header's)
        self.exceptions = exceptions  # qualnames of exception classes
        self.headers = set()
        self.unexpressed = []         # (path, reason)
        self.considered = 0

    # --- functions -------------------------------------------------------------------------
    def function(self, symbol, path, name, indent="", prefix="", self_type=None, static=False,
                 operator=None):
        """The overloads of a function as one Item, or None (reason recorded)."""
        forms, keys, reasons = [], set(), []
        for signature, extra in star_arities(symbol.get("signatures") or
                                             [{"params": [], "returns": None}]):
            operand = self_type if symbol.get("name") in SELF_OPERANDS else None
            params = Parameters(signature, self.speller, operand, extra)
            if operator and not self._operator_arity(operator, params):
                reasons.append(f"'{operator}' takes {len(params.entries)} parameters here")
                continue
            key = params.key()
            if key in keys:
                continue  # an overload C++ cannot tell apart from an earlier one
            keys.add(key)
            forms.append((params, self._result(symbol, signature, operator, self_type)))
        disambiguate([params for params, _ in forms])
        forms += int_twins(forms)
        lines = []
        for params, returns in forms:
            self.headers |= params.headers | returns.headers
            head = f"{indent}{prefix}{deprecation(symbol)}{'static ' if static else ''}"
            lines.append(f"{head}{returns.text} {name}({params.text()});")
        if not lines:
            self.unexpressed.append((path, reasons[0] if reasons else "no signature"))
            return None
        return Item(path, doc_comment(symbol, indent) + lines)

    def _result(self, symbol, signature, operator, self_type):
        returns = signature.get("returns")
        if symbol.get("generator") or symbol.get("async_generator"):
            spelled = self.speller.result(returns)
            if spelled.text.startswith("pybridge::Stream<"):
                return spelled
            return Spelling("pybridge::Stream<pybridge::Value>", ["pybridge/stream.hpp"])
        spelled = self.speller.result(returns)
        if symbol.get("name") == "__iter__" and not spelled.text.startswith("pybridge::Stream<"):
            return Spelling("pybridge::Stream<pybridge::Value>", ["pybridge/stream.hpp"])  # items
        if returns is None and symbol.get("name") in DUNDER_RESULTS:
            return Spelling(DUNDER_RESULTS[symbol["name"]], ["string"])
        if operator and self_type and spelled.text == ANY and returns is None:
            return Spelling(self_type)  # an untyped arithmetic dunder: the class's own kind
        return spelled

    @staticmethod
    def _operator_arity(operator, params):
        if operator == "operator()":
            return True
        wanted = 0 if operator in ("operator-()", "operator+()", "operator~") else 1
        return len(params.entries) == wanted

    def module_function(self, symbol, path):
        name, _ = cxx_name(symbol.get("name", path.rsplit(".", 1)[-1]))
        self.considered += 1
        bind = f"[[pybridge::bind({string_literal(path)})]] "
        return self.function(symbol, path, name, prefix=bind)

    def constant(self, symbol, path):
        self.considered += 1
        name, _ = cxx_name(symbol.get("name", path.rsplit(".", 1)[-1]))
        spelled = self.speller.result(symbol.get("type"))
        if spelled.text == "void":
            spelled = Spelling(ANY)
        self.headers |= spelled.headers
        return Item(path, doc_comment(symbol, "") + [
            f"[[pybridge::bind({string_literal(path)})]] {spelled.text} {name}();"])

    # --- classes ---------------------------------------------------------------------------
    def klass(self, symbol, path):
        self.considered += 1
        struct = self.classes[path].rsplit("::", 1)[-1]
        members = [item for item in self._members(symbol, path, struct) if item]
        head = (f"struct {deprecation(symbol)}[[pybridge::bind({string_literal(path)})]] "
                f"{struct} : pybridge::Object {{")
        lines = doc_comment(symbol, "") + [head, "  using pybridge::Object::Object;"]
        return Item(path, lines, members, struct)

    def _members(self, symbol, path, struct):
        taken = OBJECT_MEMBERS | {struct}
        items = [self._constructors(symbol, path, struct)]
        members = symbol.get("members", {})
        for name in sorted(members):
            member, member_path = members[name], f"{path}.{name}"
            kind = member.get("kind")
            if name.startswith("_") and not (name.startswith("__") and name.endswith("__")):
                continue
            self.considered += 1
            if kind == "function":
                items.append(self._method(member, member_path, name, struct, taken))
            elif kind in ("property", "constant"):
                items.extend(self._attribute(member, member_path, name, taken, members))
            elif kind == "class":
                self.unexpressed.append((member_path, "a nested class: discover it by its path"))
            else:
                self.unexpressed.append((member_path, describe_failure(member)))
        return items

    def _constructors(self, symbol, path, struct):
        inits = [s for s in symbol.get("init") or [] if s.get("source") != "none"]
        if not inits:
            return None
        forms, keys = [], set()
        for signature, extra in star_arities(inits):
            params = Parameters(signature, self.speller, extra=extra)
            if params.key() in keys or params.key() == (struct,):
                continue
            keys.add(params.key())
            forms.append(params)
        disambiguate(forms)
        pairs = [(params, None) for params in forms]
        twins = int_twins(pairs)
        forms = [params for params, _ in pairs + twins]
        lines = []
        for params in forms:
            self.headers |= params.headers
            explicit = "explicit " if params.entries else ""
            lines.append(f"  {explicit}{struct}({params.text()});")
        return Item(f"{path}.__init__", lines) if lines else None

    def _method(self, member, path, name, struct, taken):
        static = member.get("method_kind") in ("static", "class")
        if name in CONVERSIONS:
            target = CONVERSIONS[name]
            if f"operator {target}" in taken:
                return None  # __int__ and __index__ both convert to long
            taken.add(f"operator {target}")
            self.headers |= {"string"} if name == "__str__" else set()
            self.headers |= {"complex"} if name == "__complex__" else set()
            return Item(path, [f"  explicit operator {target}();"])
        if name in OPERATORS:
            if static:
                return None
            operator = OPERATORS[name]
            arity = f"{operator}()" if name in UNARY and operator != "operator~" else operator
            return self.function(member, path, operator, indent="  ", self_type=struct,
                                 operator=arity if name in UNARY else operator)
        if name.startswith("__"):
            if name not in NAMED_DUNDERS or NAMED_DUNDERS[name] in taken:
                self.considered -= 1  # protocol plumbing, not API
                return None
            spelled = NAMED_DUNDERS[name]
            taken.add(spelled)
            return self.function(member, path, spelled, indent="  ",
                                 prefix=f"[[pybridge::name({string_literal(name)})]] ")
        spelled, renamed = cxx_name(name, taken)
        taken.add(spelled)
        prefix = f"[[pybridge::name({string_literal(name)})]] " if renamed else ""
        return self.function(member, path, spelled, indent="  ", prefix=prefix, static=static)

    def _attribute(self, member, path, name, taken, members):
        spelled_type = self.speller.result(member.get("type"))
        if spelled_type.text == "void":
            spelled_type = Spelling(ANY)
        self.headers |= spelled_type.headers
        getter, renamed = cxx_name(name, taken)
        taken.add(getter)
        prefix = f"[[pybridge::name({string_literal(name)})]] " if renamed else ""
        items = [Item(path, doc_comment(member, "  ") +
                      [f"  {prefix}{deprecation(member)}{spelled_type.text} {getter}();"])]
        setter = f"set_{name}"
        if not member.get("readonly", member.get("kind") == "constant") and \
                setter not in members and setter not in taken and not renamed:
            argument = self.speller.argument(member.get("type"))
            self.headers |= argument.headers
            taken.add(setter)
            items.append(Item(f"{path}=", [f"  void {setter}({argument.text} value);"]))
        return items


# How many values a stub passes into *args: a function that takes nothing else gets forms for
# one to three of them, one with other parameters also a form for one or two more.
STAR_ARITIES = {False: (1, 2, 3), True: (0, 1, 2)}


def disambiguate(overloads):
    """Overloads whose defaulted parameters would make a call ambiguous need more arguments:
    when a call with k arguments of the same types fits an earlier overload, the later one loses
    the default of its k-th parameter (and, as C++ requires, those before it)."""
    shapes = set()
    for params in overloads:
        entries = params.entries
        required = next((i for i, e in enumerate(entries) if e["default"]), len(entries))
        k = required
        while k <= len(entries):
            shape = tuple(e["type"] for e in entries[:k])
            if shape in shapes and k < len(entries):
                for entry in entries[:k + 1]:
                    entry["default"] = False
            else:
                shapes.add(shape)
            k += 1


def _differs_only_at(a, b, i):
    return len(a) == len(b) and all(x == y for j, (x, y) in enumerate(zip(a, b)) if j != i)


def int_twins(forms):
    """Where one overload takes a `long` and another a `double` in the same place (Python's
    `int | float`), a call with an int literal would be ambiguous. A plain `long` gets a twin
    taking `int`, which wins it (exact match), so `fraction * 2` calls the int overload as
    Python would. Between std::optional<long> and std::optional<double> no overload can win
    (both convert through a constructor), so the double one is left out: an int is what a
    caller most often passes, and Python takes it wherever it takes a float. Returns the twins;
    `forms` loses the left-out overloads."""
    twins, left_out = [], []
    for params, returns in forms:
        types = params.key()
        places = [i for i, t in enumerate(types) if t in ("long", "std::optional<long>") and any(
            _differs_only_at(types, other.key(), i) and
            other.key()[i] == t.replace("long", "double") for other, _ in forms)]
        for i in places:
            if types[i] == "std::optional<long>":
                left_out += [other for other, _ in forms if _differs_only_at(types, other.key(), i)
                             and other.key()[i] == "std::optional<double>"]
        plain = [i for i in places if types[i] == "long"]
        if plain:
            twin = copy.deepcopy(params)
            for i in plain:
                twin.entries[i]["type"] = "int"
            twins.append((twin, returns))
    forms[:] = [form for form in forms if form[0] not in left_out]
    return twins


MAX_UNION_FORMS = 4
# What an ArrayLike parameter takes: an array, or a scalar numpy makes one of.
ARRAY_LIKE = [{"name": "numpy.ndarray"}, {"name": "float"}, {"name": "int"}]


def union_forms(signature):
    """The signature once per member of its union-typed parameters (`int | Fraction` gives
    one overload taking a long and one taking a Fraction), at most MAX_UNION_FORMS forms."""
    forms = [signature]
    for index, param in enumerate(signature.get("params", [])):
        kind = (param.get("type") or {}).get("name")
        members = [m for m in (param.get("type") or {}).get("args", [])
                   if (m or {}).get("name") != "None"]
        if kind == "numpy.typing.ArrayLike":
            kind, members = "Union", [param["type"]]
        members = [form for m in members for form in
                   (ARRAY_LIKE if (m or {}).get("name") == "numpy.typing.ArrayLike" else [m])]
        if kind != "Union" or len(members) < 2 or param.get("kind") == "var_keyword":
            continue
        expanded = []
        for form in forms:
            for member in members:
                params = list(form["params"])
                params[index] = dict(params[index], type=member)
                expanded.append(dict(form, params=params))
        if len(expanded) > MAX_UNION_FORMS:
            break
        forms = expanded
    return forms


def star_arities(signatures):
    """(signature, number of *args values) for each C++ form of each signature."""
    signatures = [form for signature in signatures for form in union_forms(signature)]
    for signature in signatures:
        params = signature.get("params", [])
        if not any(p.get("kind") == "var_positional" for p in params) or \
                signature.get("source") == "none":
            yield signature, 0
            continue
        has_positional = any(p.get("kind") in ("positional_only", "positional_or_keyword")
                             for p in params)
        for extra in STAR_ARITIES[has_positional]:
            yield signature, extra


def default_type(text):
    """For an untyped parameter, the type of its default value when that is a plain literal:
    Python accepts any value there, and that kind of value is the one the API expects."""
    if text in ("True", "False"):
        return Spelling("bool")
    if text[:1] in "'\"" and text[-1:] == text[:1]:
        return Spelling("std::string", ["string"])
    try:
        int(text)
        return Spelling("long")
    except ValueError:
        pass
    try:
        float(text)
        return Spelling("double")
    except ValueError:
        return None


def describe_failure(symbol):
    error = symbol.get("error") or symbol.get("describe_error")
    return f"describing it failed in Python: {error}" if error else \
        f"a {symbol.get('kind', 'symbol')} with no C++ form"
