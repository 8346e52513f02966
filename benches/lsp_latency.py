#!/usr/bin/env python3
"""LSP latency benchmark: drives the real `seedls` binary over stdio.

    python3 benches/lsp_latency.py --bin target/release/seedls --corpus /tmp/seedls-corpus/10000

Measures, against a corpus written by `examples/gen_corpus.rs`:
  * time from sending `initialize` to the `$/progress` end of indexing;
  * VmRSS / VmHWM of the server once indexing is done (/proc/PID/status);
  * p50 / p99 latency of hover, definition, references (the star person,
    mentioned twice in every article), workspace/symbol and completion;
  * didChange -> publishDiagnostics latency for 5 KB, 20 KB and 200 KB
    articles, with `debounceMs: 0` so the debounce is not measured.

Only the standard library is used. `--json FILE` also writes the figures.
"""

import argparse
import json
import os
import pathlib
import statistics
import subprocess
import sys
import threading
import time

STAR = "Lương Quốc Hưng"


class Server:
    """A JSON-RPC client over the server's stdin/stdout."""

    def __init__(self, cmd, settings, stderr):
        self.proc = subprocess.Popen(
            cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=stderr
        )
        self.settings = settings
        self.next_id = 0
        self.lock = threading.Condition()
        self.responses = {}
        self.notifications = []  # (time, message)
        self.closed = False
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        out = self.proc.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    with self.lock:
                        self.closed = True
                        self.notifications.append((time.perf_counter(), {"method": "<eof>"}))
                        self.lock.notify_all()
                    return
                line = line.strip()
                if not line:
                    break
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            body = out.read(length)
            now = time.perf_counter()
            msg = json.loads(body)
            if "method" in msg and "id" in msg:
                self._answer(msg)
            elif "method" in msg:
                with self.lock:
                    self.notifications.append((now, msg))
                    self.lock.notify_all()
            else:
                with self.lock:
                    self.responses[msg["id"]] = (now, msg)
                    self.lock.notify_all()

    def _answer(self, request):
        method = request["method"]
        if method == "workspace/configuration":
            result = [self.settings for _ in request["params"].get("items", [])]
        else:  # workDoneProgress/create, registerCapability, ...
            result = None
        self._send({"jsonrpc": "2.0", "id": request["id"], "result": result})

    def _send(self, msg):
        body = json.dumps(msg, ensure_ascii=False).encode("utf-8")
        data = b"Content-Length: %d\r\n\r\n" % len(body) + body
        with self.lock:  # the reader thread answers server requests too
            self.proc.stdin.write(data)
            self.proc.stdin.flush()

    def notify(self, method, params):
        self._send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method, params, timeout=120):
        """Sends a request and waits for its response; returns (seconds, result)."""
        self.next_id += 1
        rid = self.next_id
        start = time.perf_counter()
        self._send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        with self.lock:
            ok = self.lock.wait_for(lambda: rid in self.responses or self.closed, timeout)
            if rid not in self.responses:
                raise RuntimeError(f"{method}: " + ("server exited" if ok else f"no answer in {timeout}s"))
            end, msg = self.responses.pop(rid)
        if "error" in msg:
            raise RuntimeError(f"{method}: {msg['error']}")
        return end - start, msg.get("result")

    def wait_notification(self, predicate, since, timeout):
        """The first notification after index `since` matching `predicate`: (time, msg, index)."""
        deadline = time.perf_counter() + timeout
        with self.lock:
            while True:
                for i in range(since, len(self.notifications)):
                    t, msg = self.notifications[i]
                    if msg.get("method") == "<eof>":
                        raise RuntimeError("server exited")
                    if predicate(msg):
                        return t, msg, i + 1
                since = len(self.notifications)
                left = deadline - time.perf_counter()
                if left <= 0 or not self.lock.wait(left):
                    if time.perf_counter() >= deadline:
                        raise TimeoutError("notification not received in time")

    def mark(self):
        with self.lock:
            return len(self.notifications)

    def memory_kb(self):
        fields = {}
        with open(f"/proc/{self.proc.pid}/status") as f:
            for line in f:
                key, _, value = line.partition(":")
                if key in ("VmRSS", "VmHWM"):
                    fields[key] = int(value.split()[0])
        return fields

    def shutdown(self):
        try:
            self.request("shutdown", None, timeout=30)
            self.notify("exit", None)
            self.proc.wait(timeout=30)
        except Exception:
            self.proc.kill()
            self.proc.wait()


def utf16_len(s):
    return len(s.encode("utf-16-le")) // 2


def position(text, offset):
    """LSP position (utf-16) of the character offset `offset` in `text`."""
    line = text.count("\n", 0, offset)
    start = text.rfind("\n", 0, offset) + 1
    return {"line": line, "character": utf16_len(text[start:offset])}


def percentiles(samples):
    s = sorted(samples)

    def rank(p):
        return s[min(len(s) - 1, max(0, int(round(p / 100 * len(s) + 0.5)) - 1))]

    return {
        "n": len(s),
        "p50_ms": round(statistics.median(s) * 1000, 3),
        "p99_ms": round(rank(99) * 1000, 3),
        "max_ms": round(s[-1] * 1000, 3),
    }


def timed(server, method, params, iterations):
    samples, result = [], None
    for _ in range(iterations):
        took, result = server.request(method, params)
        samples.append(took)
    return percentiles(samples), result


def long_article(corpus, size):
    """A seed-shaped article of at least `size` bytes, glued from generated ones."""
    files = sorted(corpus.glob("*/*.txt"))
    first = files[0].read_text(encoding="utf-8").rstrip("\n")
    parts = [first]
    total = len(first.encode())
    for f in files[1:]:
        for para in f.read_text(encoding="utf-8").split("\n\n")[1:]:
            if total >= size:
                return "\n\n".join(parts) + "\n"
            parts.append(para.strip("\n"))
            total += len(para.encode()) + 2
    return "\n\n".join(parts) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin", default="target/release/seedls")
    ap.add_argument("--corpus", required=True, type=pathlib.Path)
    ap.add_argument("--iterations", type=int, default=200)
    ap.add_argument("--edits", type=int, default=200)
    ap.add_argument("--sizes", default="5000,20000,200000")
    ap.add_argument("--ready-only", action="store_true", help="only indexing time and memory")
    ap.add_argument("--timeout", type=float, default=900)
    ap.add_argument("--json", type=pathlib.Path)
    ap.add_argument("--stderr", default=os.devnull, help="file for the server's stderr")
    args = ap.parse_args()

    corpus = args.corpus.resolve()
    root_uri = corpus.as_uri()
    settings = {"debounceMs": 0}
    stderr = open(args.stderr, "wb")
    results = {"corpus": str(corpus), "articles": len(list(corpus.glob("*/*.txt")))}

    start = time.perf_counter()
    server = Server([args.bin], settings, stderr)
    server.request(
        "initialize",
        {
            "processId": os.getpid(),
            "rootUri": root_uri,
            "workspaceFolders": [{"uri": root_uri, "name": corpus.name}],
            "initializationOptions": settings,
            "capabilities": {
                "general": {"positionEncodings": ["utf-16"]},
                "window": {"workDoneProgress": True},
                "workspace": {
                    "configuration": True,
                    "workspaceFolders": True,
                    "didChangeWatchedFiles": {"dynamicRegistration": True},
                },
                "textDocument": {
                    "publishDiagnostics": {"versionSupport": True, "relatedInformation": True},
                    "hover": {"contentFormat": ["markdown", "plaintext"]},
                    "completion": {"completionItem": {"snippetSupport": False}},
                },
            },
        },
        timeout=args.timeout,
    )
    server.notify("initialized", {})
    ended, _, _ = server.wait_notification(
        lambda m: m.get("method") == "$/progress"
        and m["params"].get("value", {}).get("kind") == "end",
        0,
        args.timeout,
    )
    results["ready_s"] = round(ended - start, 3)
    time.sleep(0.2)  # let the indexer hand over its last batch
    mem = server.memory_kb()
    results["rss_mb"] = round(mem["VmRSS"] / 1024, 1)
    results["hwm_mb"] = round(mem["VmHWM"] / 1024, 1)
    print(f"ready in {results['ready_s']} s; VmRSS {results['rss_mb']} MB, VmHWM {results['hwm_mb']} MB",
          flush=True)

    if not args.ready_only:
        measure_requests(server, corpus, args, results)
        measure_edits(server, corpus, args, results)

    server.shutdown()
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(json.dumps(results, indent=2, ensure_ascii=False))


def measure_requests(server, corpus, args, results):
    path = sorted(corpus.glob("*/*.txt"))[3]
    text = path.read_text(encoding="utf-8")
    uri = path.as_uri()
    mark = server.mark()
    server.notify("textDocument/didOpen",
                  {"textDocument": {"uri": uri, "languageId": "seed", "version": 1, "text": text}})
    server.wait_notification(
        lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri,
        mark, 60)
    second = text.find(STAR, text.find(STAR) + 1)
    at_star = {"textDocument": {"uri": uri}, "position": position(text, second + 3)}
    n = args.iterations

    results["hover_person"], hover = timed(server, "textDocument/hover", at_star, n)
    results["definition"], _ = timed(server, "textDocument/definition", at_star, n)
    refs_params = dict(at_star, context={"includeDeclaration": True})
    results["references_star"], refs = timed(server, "textDocument/references", refs_params,
                                              max(10, n // 4))
    results["references_star"]["results"] = len(refs or [])
    number = text.find(" vụ,")
    if number > 0:
        results["hover_number"], _ = timed(server, "textDocument/hover", {
            "textDocument": {"uri": uri}, "position": position(text, number - 1)}, n)
    results["workspace_symbol"], syms = timed(server, "workspace/symbol", {"query": "luong quoc"},
                                              max(10, n // 4))
    results["workspace_symbol"]["results"] = len(syms or [])

    new_uri = (corpus / "zz_bench_new_article.txt").as_uri()
    draft = "date 2024-05 Sáng 3/5, Bộ trưởng Lươ"
    server.notify("textDocument/didOpen",
                  {"textDocument": {"uri": new_uri, "languageId": "seed", "version": 1, "text": draft}})
    results["completion"], items = timed(server, "textDocument/completion", {
        "textDocument": {"uri": new_uri}, "position": position(draft, len(draft))}, n)
    items = items.get("items", []) if isinstance(items, dict) else (items or [])
    results["completion"]["results"] = len(items)
    results["checks"] = {
        "hover_mentions_star": bool(hover) and STAR in json.dumps(hover, ensure_ascii=False),
        "completion_offers_star": any(STAR in json.dumps(i, ensure_ascii=False) for i in items),
    }
    for key in ("hover_person", "definition", "references_star", "hover_number",
                "workspace_symbol", "completion"):
        if key in results:
            print(f"{key:18} {results[key]}", flush=True)


def measure_edits(server, corpus, args, results):
    for size in [int(s) for s in args.sizes.split(",") if s]:
        text = long_article(corpus, size)
        uri = (corpus / f"zz_bench_edit_{size}.txt").as_uri()
        mark = server.mark()
        server.notify("textDocument/didOpen",
                      {"textDocument": {"uri": uri, "languageId": "seed", "version": 1, "text": text}})
        _, _, mark = server.wait_notification(
            lambda m: m.get("method") == "textDocument/publishDiagnostics"
            and m["params"]["uri"] == uri, mark, 120)
        # Type and erase a word in the middle of the article, one keystroke a change.
        middle = text.find("\n\n", len(text) // 2) + 2
        pos = position(text, middle)
        samples = []
        for version in range(2, args.edits + 2):
            if version % 2 == 0:
                change = {"range": {"start": pos, "end": pos}, "text": "x"}
            else:
                end = dict(pos, character=pos["character"] + 1)
                change = {"range": {"start": pos, "end": end}, "text": ""}
            sent = time.perf_counter()
            server.notify("textDocument/didChange", {
                "textDocument": {"uri": uri, "version": version}, "contentChanges": [change]})
            got, _, mark = server.wait_notification(
                lambda m, v=version: m.get("method") == "textDocument/publishDiagnostics"
                and m["params"]["uri"] == uri and m["params"].get("version") == v, mark, 60)
            samples.append(got - sent)
        key = f"did_change_{size // 1000}kb"
        results[key] = percentiles(samples)
        results[key]["bytes"] = len(text.encode())
        print(f"{key:18} {results[key]}", flush=True)
        server.notify("textDocument/didClose", {"textDocument": {"uri": uri}})


if __name__ == "__main__":
    sys.exit(main())
