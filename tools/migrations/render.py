#!/usr/bin/env python3
"""Renders a migration written once for both databases into the two per-backend folders.

Tandem keeps one migration folder per backend (ADR 0003). Where a migration differs only in
column types, it is written once here with placeholders and rendered:

    {BOOL}  INTEGER (SQLite, 0/1)        BOOLEAN (PostgreSQL)
    {TRUE}  1                            TRUE
    {DATE}  TEXT (sqlx stores ISO dates) DATE
    {TS}    TEXT (RFC 3339, whole secs)  TIMESTAMPTZ
    {STRICT} " STRICT"                   ""
    {DOUBLE} REAL (8-byte float)         DOUBLE PRECISION (PostgreSQL's REAL is 4 bytes)

A line starting with `--@sqlite ` or `--@postgres ` is kept (without the marker) only for that
backend: the few statements that really differ, such as full-text search.

Usage: tools/migrations/render.py tools/migrations/0003_courses.sql.in
Writes crates/tandem-store/migrations/{sqlite,postgres}/0003_courses.sql. Migrations are
forward-only: never re-render one that has been released.
"""

import pathlib
import sys

SQLITE = {"{DOUBLE}": "REAL", "{BOOL}": "INTEGER", "{TRUE}": "1", "{DATE}": "TEXT", "{TS}": "TEXT", "{STRICT}": " STRICT"}
POSTGRES = {"{DOUBLE}": "DOUBLE PRECISION", "{BOOL}": "BOOLEAN", "{TRUE}": "TRUE", "{DATE}": "DATE", "{TS}": "TIMESTAMPTZ", "{STRICT}": ""}


def render(text: str, table: dict, backend: str) -> str:
    lines = []
    for line in text.splitlines(keepends=True):
        for name in ("sqlite", "postgres"):
            marker = f"--@{name} "
            if line.startswith(marker):
                line = line[len(marker):] if name == backend else ""
        lines.append(line)
    text = "".join(lines)
    for placeholder, value in table.items():
        text = text.replace(placeholder, value)
    return text


def main() -> None:
    source = pathlib.Path(sys.argv[1])
    text = source.read_text(encoding="utf-8")
    name = source.name.removesuffix(".in")
    root = pathlib.Path(__file__).resolve().parents[2] / "crates/tandem-store/migrations"
    (root / "sqlite" / name).write_text(render(text, SQLITE, "sqlite"), encoding="utf-8")
    (root / "postgres" / name).write_text(render(text, POSTGRES, "postgres"), encoding="utf-8")


if __name__ == "__main__":
    main()
