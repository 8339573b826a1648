import json
import statistics

print(json.dumps({"b": 2, "a": 1}, indent=2, sort_keys=True))
print(json.dumps([1, 2, 3], separators=(",", ":")))
print("".join("%g " % q for q in statistics.quantiles([1, 3, 5, 7, 9, 11], n=3)))
print("%g" % statistics.fmean([1, 2, 3], weights=[3, 1, 1]))
print("%g" % statistics.median_grouped([1, 2, 2, 3, 4, 4, 4, 4, 4, 5], 2))
