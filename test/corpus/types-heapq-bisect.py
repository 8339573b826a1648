import bisect
import heapq

scores = [71.5, 88.0, 92.25, 64.0, 88.5, 79.0]
print("top three:" + "".join(f" {s:g}" for s in heapq.nlargest(3, scores)))
print("first two names:" + "".join(f" {n}" for n in heapq.nsmallest(2, {"mira", "ada", "zoe", "ben"})))
print("merged:" + "".join(f" {x}" for x in heapq.merge([1, 4, 9], [2, 3, 10])))
grades = [60, 70, 80, 90]
print(f"grade of 85: {'FDCBA'[bisect.bisect_left(grades, 85)]}")
print(f"right of 70 in tuple: {bisect.bisect_right((60, 70, 70, 90), 70)}")
