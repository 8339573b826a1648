import collections
import statistics

window = collections.deque([20.5, 21.0, 19.5], 4)
print(f"maxlen {window.maxlen if window.maxlen is not None else -1}")
for reading in (22.0, 23.5, 18.0, 24.25):
    window.append(reading)
    print(f"{len(window)} readings, mean {statistics.mean(window):.3f}, "
          f"median {statistics.median(window):.3f}, max {max(window):.2f}")
window.rotate(1)
window.appendleft(17.0)
print(f"first {window[0]:.2f} last {window[-1]:.2f}")
print(f"popped {window.pop():.2f}")
print("sorted:" + "".join(f" {x:.2f}" for x in sorted(window)))
