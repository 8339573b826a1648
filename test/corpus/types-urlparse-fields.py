from urllib.parse import parse_qs, quote, urlencode, urlparse, urlsplit

url = "https://docs.example.org:8443/a%20b/index.html?q=types&q=python&page=2#top"
parsed = urlparse(url)
print(f"scheme {parsed.scheme}\nnetloc {parsed.netloc}\npath {parsed.path}\n"
      f"query {parsed.query}\nfragment {parsed.fragment}")
print(f"hostname {parsed.hostname or '-'} port {parsed.port if parsed.port is not None else -1}")
print(f"geturl {parsed.geturl()}")
scheme, netloc, path, query, fragment = urlsplit(url)
print(f"split {scheme} | {netloc} | {path} | {fragment}")
for key, values in sorted(parse_qs(query).items()):
    print(f"{key} =" + "".join(f" {v}" for v in values))
print(f"encoded {urlencode(dict(sorted({'lang': 'c++', 'q': 'a b'}.items())))}")
print(f"quoted {quote('/path with spaces/ü')}")
