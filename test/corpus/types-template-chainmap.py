import collections
import string

config = collections.ChainMap({"user": "ada"}, {"user": "guest", "host": "localhost", "port": "80"})
print(f"user {config['user']}, host {config['host']}, size {len(config)}")
local = config.new_child({"port": "8080"})
local["path"] = "/status"
print(f"local port {local['port']}, has path {1 if 'path' in local else 0}, "
      f"config has path {1 if 'path' in config else 0}")
url = string.Template("http://$user@$host:$port$path")
print(f"template {url.template}\n{url.substitute(local)}")
print(url.safe_substitute({"host": "example.org"}))
print("identifiers:" + "".join(f" {i}" for i in url.get_identifiers()))
