import numpy as np

for name in ("float64", "int8", "uint16", "complex128", "bool"):
    dt = np.dtype(name)
    print(f"{dt.name:<10} itemsize {dt.itemsize} kind {dt.kind} str {dt.str}")
info = np.iinfo(np.dtype("int16"))
print(f"int16: {info.bits} bits, {info.min} .. {info.max}")
grid = np.zeros([2, 3], np.dtype("float32"))
print(f"zeros dtype {grid.dtype.str} shape" + "".join(f" {n}" for n in grid.shape)
      + f" bytes {grid.nbytes}")
print(f"arange(5) dtype {np.arange(5).dtype.str}")
print(f"int64(7) = {int(np.int64(7))}, float32(0.1) = {float(np.float32(0.1)):.9f}")
