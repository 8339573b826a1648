# numpy-dtypes-into-vectors.cpp in Python: the output the C++ program must print. An element
# goes into a C++ type when it is exactly a value of it: integers in range, reals that are
# exactly the target's float, complex numbers only into complex types, bools only into bool.
from fractions import Fraction

import numpy

INTEGERS = [("int8_t", -2**7, 2**7 - 1), ("uint8_t", 0, 2**8 - 1),
            ("int16_t", -2**15, 2**15 - 1), ("uint16_t", 0, 2**16 - 1),
            ("int32_t", -2**31, 2**31 - 1), ("uint32_t", 0, 2**32 - 1),
            ("int64_t", -2**63, 2**63 - 1), ("uint64_t", 0, 2**64 - 1)]
FLOATS = [("float", numpy.float32), ("double", numpy.float64), ("long double", numpy.longdouble)]
COMPLEX = [("complex<float>", numpy.complex64), ("complex<double>", numpy.complex128),
           ("complex<long double>", numpy.clongdouble)]


def show_real(value):
    return f"{float(value):g}"


def exactly(kind, x):
    """The number x is, as a Fraction (numpy compares mixed types after rounding them)."""
    return Fraction(int(x)) if kind in "iu" else Fraction(*x.as_integer_ratio())


def integer(low, high):
    def convert(kind, x):
        if kind in "iu" and low <= int(x) <= high:
            return str(int(x))
    return convert


def real(float_type):
    def convert(kind, x):
        if kind in "iuf" and exactly("f", float_type(x)) == exactly(kind, x):
            return show_real(float_type(x))
    return convert


def complex_(complex_type):
    def convert(kind, x):
        value = complex_type(x)
        real, imag = (x.real, x.imag) if kind == "c" else (x, 0)
        if (kind in "iufc" and exactly("f", value.real) == exactly(kind, real)
                and exactly("f", value.imag) == exactly(kind if kind == "c" else "i", imag)):
            return f"({show_real(value.real)},{show_real(value.imag)})"
    return convert


def boolean(kind, x):
    if kind == "b":
        return str(bool(x))


TARGETS = ([(name, integer(low, high)) for name, low, high in INTEGERS]
           + [(name, real(type_)) for name, type_ in FLOATS]
           + [(name, complex_(type_)) for name, type_ in COMPLEX]
           + [("bool", boolean)])


def into_every_type(dtype, values):
    array = numpy.array(values, dtype=dtype)
    for name, convert in TARGETS:
        shown = [convert(array.dtype.kind, x) for x in array]
        print(f"{dtype} -> {name}:", "refused" if None in shown else " ".join(shown))


for dtype in ("int8", "int16", "int32", "int64"):
    into_every_type(dtype, [1, -2, 100])
for dtype in ("uint8", "uint16", "uint32", "uint64"):
    into_every_type(dtype, [1, 2, 200])
for dtype in ("float16", "float32", "float64", "longdouble"):
    into_every_type(dtype, [0.5, -2, 100])
for dtype in ("complex64", "complex128", "clongdouble"):
    into_every_type(dtype, [1 + 0.5j, -2, 100])
into_every_type("bool", [True, False, True])
into_every_type("float64", [0.1])
into_every_type("longdouble", ["0.1"])
into_every_type("int64", [2**40, 2**53 + 1])
into_every_type("float16", [65504, -0.000061035156])
