import re

text = "Order 66 shipped 2024-03-10, order 67 on 2024-04-01."
print(re.sub(r"(\d{4})-(\d{2})-(\d{2})", r"\3/\2/\1", text))
for number in re.findall(r"\d+", text):
    print("number", number)
date = re.compile(r"(?P<year>\d{4})-(?P<month>\d{2})")
print("groups", date.groups)
for match in date.finditer(text):
    print(f"match at {match.start()}: {match.group()}")
none = date.fullmatch("not a date")
print("fullmatch", "found" if none else "None")
for part in re.split(r"\s*,\s*", "a , b,c ,  d"):
    print("part", part)
