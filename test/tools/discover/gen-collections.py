import collections as co

recent = co.deque([1, 2, 3], 4)
recent.append(4)
recent.append(5)
recent.appendleft(0)
print(repr(recent), "size", len(recent), "maxlen", recent.maxlen)
recent.rotate(2)
print(repr(recent))
print("popped", recent.pop(), "then", recent.popleft())
print(f"count of 2: {recent.count(2)}, contains 9: {int(9 in recent)}")
shout = co.UserString("hello world")
print(str(shout.upper()), str(shout.title()))
