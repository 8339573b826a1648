# pandas-dataframe.cpp in Python: the output the C++ program must print.
import statistics

import numpy
import pandas

rows = 200000
frame = pandas.DataFrame({"x": numpy.arange(rows, dtype="float64"),
                          "n": numpy.arange(rows, dtype="int64") * 2})
print("columns", *frame.columns, "rows", len(frame))

doubled = frame * 2
print(f"doubled x[{rows - 1}]={int(doubled['x'].iloc[-1])} n[{rows - 1}]="
      f"{int(doubled['n'].iloc[-1])} dtypes {doubled['x'].dtype.str} {doubled['n'].dtype.str}")

sums = pandas.DataFrame.cumsum(frame)
print(f"cumsum x[-1]={int(sums['x'].iloc[-1])} n[-1]={int(sums['n'].iloc[-1])}")

built = pandas.DataFrame({"a": [1.0, 2.0, 3.0], "b": [4.0, 5.0, 6.0]})
print("from dict", *built.columns, "rows", len(built), f"b[2]={int(built['b'].iloc[2])}")

print("mean", statistics.fmean(frame["x"].to_numpy()))

copy = pandas.DataFrame.copy(frame)
print("copy equal", int(copy.equals(frame)))
