import sys

import userlib

print(" ".join(f"{v:g}" for v in userlib.scale([1.5, 2, 4], 2)), "")
print("runs in the environment:", int(userlib.interpreter_prefix().endswith("/venv")))
print("grpc imported:", int(userlib.imported("grpc")))
