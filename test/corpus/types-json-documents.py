import json

print(json.dumps({"evens": [2, 4], "primes": [2, 3, 5]}, sort_keys=True))
print(json.dumps(("pi", 3.14159, True), indent=2))
doc = json.loads('{"name": "bridge", "tags": ["c++", "python"], "stars": 42}')
print(f"loaded {doc}")
for item, price in sorted(json.loads('{"tea": 2.5, "cake": 4.25}').items()):
    print(f"{item} costs {price:g}")
encoder = json.JSONEncoder(sort_keys=True)
print(f"sort_keys {1 if encoder.sort_keys else 0}, separator '{encoder.item_separator}'")
encoder.item_separator = "; "
print(encoder.encode({"b": 2, "a": 1}))
