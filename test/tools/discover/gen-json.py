import json as js

doc = js.loads('{"name": "pybridge", "tags": ["c++", "python"], "stars": 4.5, "open": true, '
               '"owner": null}')
print(doc)
print(js.JSONEncoder(sort_keys=True, indent=2).encode(doc))
print(js.dumps(doc))
print(js.JSONDecoder().decode('[1, 2, {"three": 3}]'))
try:
    js.loads("{not json}")
except js.JSONDecodeError as error:
    print(f"{type(error).__name__}: {error}")
