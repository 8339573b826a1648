import io
import json
import shutil

log = io.StringIO()
same = log.__enter__()
same.write("first line\n")
same.writelines(["second\n", "third\n"])
json.dump({"b": 2, "a": 1}, same, sort_keys=True)
print(f"closed before exit: {int(log.closed)}")
print(log.getvalue(), end="")
print()
log.seek(0)
print(f"first again: {log.readline()}", end="")
log.__exit__(None, None, None)
print(f"closed after exit: {int(log.closed)}")

text = "bytes to copy"
source = io.BytesIO(text.encode())
target = io.BytesIO()
shutil.copyfileobj(source, target)
copied = target.getvalue()
print(f"copied {len(copied)} bytes: {copied.decode()}")
