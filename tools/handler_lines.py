#!/usr/bin/env python3
"""Counts the lines of Tandem's HTTP handlers, for the use-case layer's goal (thin handlers).

A handler is an `async fn` under crates/tandem-web/src that takes axum's `State(...)` extractor
or the `Page` extractor that carries the state with the page's chrome and the guard's context
(every route handler takes one of the two; helpers take `&AppState`). Its length is the lines from the `fn`
line to its closing brace, signature included. Prints the count, median, mean and the longest.

Usage: python3 tools/handler_lines.py [--list]
"""

import pathlib
import re
import statistics
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent / "crates" / "tandem-web" / "src"


def handlers(path):
    lines = path.read_text(encoding="utf-8").split("\n")
    i = 0
    while i < len(lines):
        if re.match(r"\s*(pub(\([a-z:]+\))?\s+)?async fn \w+", lines[i]):
            start = i
            # The signature runs to the line that opens the body.
            j = i
            while j < len(lines) and not lines[j].rstrip().endswith("{"):
                j += 1
            signature = "\n".join(lines[start : j + 1])
            depth = 0
            k = j
            while k < len(lines):
                depth += lines[k].count("{") - lines[k].count("}")
                if depth == 0:
                    break
                k += 1
            if "State(" in signature or re.search(r":\s*Page\b", signature):
                name = re.search(r"async fn (\w+)", lines[start]).group(1)
                yield name, path.relative_to(ROOT.parent.parent.parent), k - start + 1
            i = k + 1
        else:
            i += 1


def main():
    found = [h for p in sorted(ROOT.rglob("*.rs")) for h in handlers(p)]
    sizes = [n for _, _, n in found]
    print(f"handlers: {len(found)}")
    print(f"median lines: {statistics.median(sizes)}")
    print(f"mean lines: {statistics.mean(sizes):.1f}")
    print(f"at most 12 lines: {sum(1 for n in sizes if n <= 12)}")
    for name, path, n in sorted(found, key=lambda h: -h[2])[: (len(found) if "--list" in sys.argv else 5)]:
        print(f"  {n:4} {path}: {name}")


if __name__ == "__main__":
    main()
