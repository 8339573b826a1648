import http
import re

for verb in ("GET", "POST", "DELETE"):
    method = http.HTTPMethod(verb)
    print(f"{method.name} = {method.value}: {method.description}")
print(f"patch: {str.upper(http.HTTPMethod.PATCH)}")
ignore = re.RegexFlag.IGNORECASE
print(f"{ignore.name} {ignore.value}, {re.RegexFlag.MULTILINE.name} {re.RegexFlag.MULTILINE.value}")
words = re.compile(r"^b\w+", ignore)
print(f"flags & IGNORECASE: {words.flags & ignore.value}")
for w in words.findall("Bread and butter"):
    print(f"match {w}")
