"""Cases for ValueReprTest: random Python values of the kinds pybridge::Value prints itself,
each encoded by the agent's codec, and what CPython's str() prints for it (for a str on its
own, also the value in a list: its repr).

    repr_cases.py SEED COUNT TABLE  ->  one line per case: "<encoded pb.Value>:<str(value)>",
                                        both hex (the text as UTF-8; either may be empty)

TABLE is runtime/src/unprintable_ranges.inc. Where its Unicode version is not this Python's,
characters the two disagree on are not drawn (the table test reports the difference).
"""

import datetime
import math
import random
import re
import struct
import sys
import unicodedata

from pybridge_agent.codec import Codec
from pybridge_agent.objects import ObjectRegistry
from pybridge_agent.wire import pb

FLOATS = [0.0, -0.0, math.inf, -math.inf, math.nan, 1e16, 1e15, 9999999999999998.0, 1e-4,
          1e-5, 0.1, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, 1 / 3, 2.5,
          123456789012345678.0, 0.0001234, 1e22, 1e23, -1.5e-300]
CHARS = "'\"\\\n\r\t\x00\x1b\x1f\x7f\x80\x9f\xa0\xad\xff\u0378\u200b\u2028\u2029\u00e9" \
        "\ufeff\ufffd\uffff\U0001f600\U000e0001\U0010ffff"


def unprintable_table(path):
    text = open(path, encoding="utf-8").read()
    version = re.search(r'kUnicodeVersion = "([^"]+)"', text).group(1)
    ranges = [(int(a, 16), int(b, 16)) for a, b in re.findall(r"\{0x(\w+), 0x(\w+)\}", text)]
    return version, ranges


class Generator:
    def __init__(self, seed, table):
        self.rng = random.Random(seed)
        version, ranges = table
        self.skip = set()
        if version != unicodedata.unidata_version:
            unprintable = {cp for first, last in ranges for cp in range(first, last + 1)}
            self.skip = {cp for cp in range(0x110000)
                         if (cp in unprintable) == chr(cp).isprintable()}

    def char(self):
        rng = self.rng
        r = rng.random()
        if r < 0.15:
            return rng.choice(CHARS)
        bound = (0x7F if r < 0.45 else 0x100 if r < 0.55 else 0x10000 if r < 0.85
                 else 0x110000)
        cp = rng.randrange(0x20 if r < 0.45 else 0, bound)
        if 0xD800 <= cp <= 0xDFFF or cp in self.skip:  # a lone surrogate is no UTF-8
            return "?"
        return chr(cp)

    def str(self):
        return "".join(self.char() for _ in range(self.rng.randrange(0, 9)))

    def bytes(self):
        rng = self.rng
        return bytes(rng.choice(b"'\"\\\n\t\x00\x7f\x80\xff") if rng.random() < 0.3
                     else rng.randrange(256) for _ in range(rng.randrange(0, 9)))

    def float(self):
        rng = self.rng
        r = rng.random()
        if r < 0.2:
            return rng.choice(FLOATS)
        if r < 0.5:  # any double: random bits
            bits = rng.getrandbits(64).to_bytes(8, "little")
            return struct.unpack("<d", bits)[0]
        if r < 0.7:
            return float(rng.randrange(-10**17, 10**17))
        return rng.uniform(-1, 1) * 10.0 ** rng.randrange(-20, 25)

    def int(self):
        rng = self.rng
        r = rng.random()
        if r < 0.5:
            return rng.randrange(-1000, 1000)
        if r < 0.8:
            return rng.choice([-1, 1]) * (2**63 + rng.randrange(-3, 3))
        return rng.randrange(-10**40, 10**40)

    def datetime(self):
        rng = self.rng
        moment = datetime.datetime(1, 1, 2) + datetime.timedelta(
            microseconds=rng.randrange(0, 10**6) if rng.random() < 0.5 else 0,
            seconds=rng.randrange(0, 86400 * 365 * 9990) if rng.random() < 0.9 else 0)
        return moment.replace(tzinfo=datetime.timezone.utc) if rng.random() < 0.3 else moment

    def timedelta(self):
        rng = self.rng
        return datetime.timedelta(days=rng.randrange(-10**6, 10**6) if rng.random() < 0.7 else 0,
                                  seconds=rng.randrange(0, 86400) if rng.random() < 0.7 else 0,
                                  microseconds=rng.randrange(0, 10**6) if rng.random() < 0.5
                                  else 0)

    def scalar(self):
        kinds = [lambda: None, lambda: self.rng.random() < 0.5, self.int, self.float, self.str,
                 self.str, self.bytes, self.datetime, self.timedelta,
                 lambda: complex(self.float(), self.float())]
        return self.rng.choice(kinds)()

    def hashable(self, depth):
        if depth > 0 and self.rng.random() < 0.2:
            return tuple(self.hashable(depth - 1) for _ in range(self.rng.randrange(0, 4)))
        return self.scalar()

    def value(self, depth=3):
        rng = self.rng
        if depth == 0 or rng.random() < 0.5:
            return self.scalar()
        n = rng.randrange(0, 5)
        kind = rng.randrange(4)
        if kind == 0:
            return [self.value(depth - 1) for _ in range(n)]
        if kind == 1:
            return tuple(self.value(depth - 1) for _ in range(n))
        if kind == 2:
            return {self.hashable(depth - 1): self.value(depth - 1) for _ in range(n)}
        return {self.hashable(depth - 1) for _ in range(n)}


def main():
    seed, count, table = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    generator = Generator(seed, unprintable_table(table))
    codec = Codec(ObjectRegistry())
    out = sys.stdout
    for _ in range(count):
        value = generator.value()
        cases = [value, [value]] if isinstance(value, str) else [value]
        for case in cases:
            wire = pb.Value()
            codec.encode_into(case, 0, wire, [])
            out.write(f"{wire.SerializeToString().hex()}:{str(case).encode().hex()}\n")


if __name__ == "__main__":
    main()
