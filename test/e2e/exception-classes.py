# exception-classes.cpp in Python: the output the C++ program must print.
import json
import sqlite3
import sys
import tarfile

import networkx as nx


def print_cause(error):
    cause = error.__cause__ if error.__cause__ is not None else (
        None if error.__suppress_context__ else error.__context__)
    if cause is None:
        print("  cause: none")
        return
    kind = "an OSError" if isinstance(cause, OSError) else "not an OSError"
    print(f"  cause: {type(cause).__module__}.{type(cause).__qualname__} ({kind})")
    try:
        raise cause
    except OSError:
        print("  rethrown cause caught as OSError")
    except Exception:
        print("  rethrown cause caught as PythonError")


def graphs():
    g = nx.Graph()
    g.add_edge("a", "b")
    g.add_edge("c", "d")
    try:
        nx.shortest_path(g, source="a", target="d")
    except nx.NetworkXNoPath as error:
        print(f"NoPath: {error}")
    try:
        nx.shortest_path(g, source="a", target="z")
    except nx.NetworkXNoPath as error:
        print(f"wrongly NoPath: {error}")
    except nx.NetworkXException as error:
        print(f"NetworkXException ({type(error).__qualname__}): {error}")


def databases():
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE users (name TEXT PRIMARY KEY)")
    db.execute("INSERT INTO users VALUES ('ada')")
    for sql in ("INSERT INTO users VALUES ('ada')", "SELECT * FROM nowhere"):
        try:
            db.execute(sql)
        except sqlite3.DatabaseError as error:
            integrity = ", an IntegrityError" if isinstance(error, sqlite3.IntegrityError) else ""
            print(f"DatabaseError ({type(error).__qualname__}{integrity}): {error}")


def documents():
    try:
        json.loads('{"a": }')
    except ValueError as error:
        kind = "a JSONDecodeError" if isinstance(error, json.JSONDecodeError) \
            else type(error).__qualname__
        print(f"ValueError ({kind}): {error}")
        print_cause(error)


def archives(path):
    with open(path, "w") as out:
        out.write("not a gzip file\n")
    try:
        tarfile.open(path, "r:gz")
    except tarfile.TarError as error:
        kind = "a ReadError" if isinstance(error, tarfile.ReadError) else type(error).__qualname__
        print(f"TarError ({kind}): {error}")
        print_cause(error)


graphs()
databases()
documents()
archives(sys.argv[1])
