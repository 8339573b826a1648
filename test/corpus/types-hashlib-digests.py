import hashlib

sha = hashlib.sha256(b"The quick brown fox ")
prefix = sha.copy()
sha.update(b"jumps over the lazy dog")
print(sha.name, sha.digest_size, sha.block_size)
print("full  ", sha.hexdigest())
print("prefix", prefix.hexdigest())
md = hashlib.md5()
for part in ("a", "b", "c"):
    md.update(part.encode())
print(md.name, md.hexdigest(), f"({len(md.digest())} bytes)")
blake = hashlib.new("blake2b")
blake.update(b"pybridge")
print(blake.name, blake.hexdigest()[:32])
