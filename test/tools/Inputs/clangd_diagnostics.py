"""Opens one file in clangd (over LSP, as an editor does) and prints the diagnostics clangd
publishes for it, one per line: `LINE:COL SEVERITY MESSAGE` (1-based), then `done`.

Usage: clangd_diagnostics.py CLANGD COMPILE_COMMANDS_DIR FILE
"""
import json
import pathlib
import subprocess
import sys

SEVERITY = {1: "error", 2: "warning", 3: "info", 4: "hint"}


def send(proc, message):
    body = json.dumps(message).encode()
    proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    proc.stdin.flush()


def receive(proc):
    length = 0
    while True:
        line = proc.stdout.readline()
        if not line:
            raise SystemExit("clangd exited before publishing diagnostics")
        if line in (b"\r\n", b"\n"):
            break
        name, _, value = line.decode().partition(":")
        if name.lower() == "content-length":
            length = int(value)
    return json.loads(proc.stdout.read(length))


def main(clangd, cdb_dir, path):
    uri = pathlib.Path(path).resolve().as_uri()
    proc = subprocess.Popen([clangd, f"--compile-commands-dir={cdb_dir}", "--log=error",
                             "--background-index=false"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    send(proc, {"jsonrpc": "2.0", "id": 1, "method": "initialize",
                "params": {"processId": None, "rootUri": None, "capabilities": {}}})
    while receive(proc).get("id") != 1:
        pass
    send(proc, {"jsonrpc": "2.0", "method": "initialized", "params": {}})
    send(proc, {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": uri, "languageId": "cpp", "version": 1, "text": pathlib.Path(path).read_text()}}})
    # A request that needs the file's AST is answered after the AST's diagnostics went out:
    # the last diagnostics published before its answer are the file's.
    send(proc, {"jsonrpc": "2.0", "id": 3, "method": "textDocument/documentSymbol",
                "params": {"textDocument": {"uri": uri}}})
    published = None
    while True:
        message = receive(proc)
        if message.get("method") == "textDocument/publishDiagnostics" and \
                message["params"]["uri"] == uri:
            published = message
        if message.get("id") == 3 and published is not None:
            break
    for d in published["params"]["diagnostics"]:
        start = d["range"]["start"]
        print(f'{start["line"] + 1}:{start["character"] + 1} '
              f'{SEVERITY.get(d.get("severity"), "?")} {d["message"].splitlines()[0]}')
    print("done", flush=True)
    send(proc, {"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
    while receive(proc).get("id") != 2:
        pass
    send(proc, {"jsonrpc": "2.0", "method": "exit"})
    proc.stdin.close()
    try:
        proc.wait(timeout=60)
    except subprocess.TimeoutExpired:  # the answer is in; a slow exit is not the test's concern
        proc.kill()
        proc.wait()


if __name__ == "__main__":
    main(*sys.argv[1:])
