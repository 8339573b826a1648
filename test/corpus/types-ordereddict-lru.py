import collections


class LRU:
    def __init__(self, capacity):
        self.capacity = capacity
        self.items = collections.OrderedDict()

    def get(self, key):
        if key not in self.items:
            return None
        self.items.move_to_end(key)
        return self.items[key]

    def put(self, key, value):
        self.items[key] = value
        self.items.move_to_end(key)
        if len(self.items) > self.capacity:
            evicted, old = self.items.popitem(False)
            print(f"  evict {evicted}={old}")

    def show(self):
        print("  order:" + "".join(f" {key}" for key in self.items.keys()))


def shown(value):
    return -1 if value is None else value


cache = LRU(3)
for key in ("a", "b", "c"):
    cache.put(key, ord(key) - ord("a") + 1)
cache.show()
print(f"get a -> {shown(cache.get('a'))}")
cache.put("d", 4)
cache.show()
print(f"get b -> {shown(cache.get('b'))}")
del cache.items["c"]
cache.put("e", 5)
cache.show()
