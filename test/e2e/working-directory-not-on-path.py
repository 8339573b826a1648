import statistics
import sysconfig

print("median", f"{statistics.median([5, 1, 3]):g}")
print("mean", f"{statistics.mean([1, 2, 3, 6]):g}")
print("dynamic median", f"{statistics.median([4, 8, 6, 2]):g}")
print("module file is the standard library's:",
      int(statistics.__file__.startswith(sysconfig._PREFIX)))
