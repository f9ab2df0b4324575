#!/usr/bin/env python3
"""The crash suite: no acknowledged write is lost when the server is killed mid-load.

Each round serves the demo, starts WRITERS threads that add steps to the demo processor's
courses — each step's description a text no other write has — and records a text only once the
server acknowledged its write (303 See Other). After KILL_AFTER seconds the server gets
SIGKILL, with writes in flight. Then it is started again on the same data, and the round
passes when every acknowledged text is in the database, `tandem audit verify` finds every
chain intact, and (SQLite) `PRAGMA integrity_check` answers ok.

Standard library only. Run it through scripts/crash-test.sh, which names the binary.
"""

import argparse
import http.client
import os
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.parse

PASSWORD = "prøv tandem i demo"
PROCESSOR = "raadgiver@demo.tandem.test"


def base_command(args):
    """The binary with the data directory and, for PostgreSQL, the database and key file."""
    command = [args.binary, "--data-dir", args.data_dir, "--log", "warn"]
    if args.database_url:
        key = os.path.join(args.data_dir, "audit.key")
        if not os.path.exists(key):
            subprocess.run([args.binary, "--data-dir", args.data_dir, "--audit-key-file", key,
                            "audit", "add-key"], check=True, capture_output=True)
        command += ["--database-url", args.database_url, "--audit-key-file", key]
    return command


def start_server(args, port, log):
    command = base_command(args) + ["serve", "--demo", "--bind", f"127.0.0.1:{port}"]
    server = subprocess.Popen(command, stdout=log, stderr=log)
    deadline = time.time() + 120
    while time.time() < deadline:
        if server.poll() is not None:
            sys.exit(f"the server stopped at start (exit {server.returncode}); see {log.name}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return server
        except OSError:
            pass
        time.sleep(0.2)
    server.kill()
    sys.exit("the server did not answer /healthz within 120 s")


def cookies_of(response, jar):
    for name, value in response.getheaders():
        if name.lower() == "set-cookie":
            pair = value.split(";", 1)[0]
            key, _, val = pair.partition("=")
            jar[key.strip()] = val.strip()


def cookie_header(jar):
    return "; ".join(f"{k}={v}" for k, v in jar.items())


def sign_in(port):
    """Signs in the demo processor; returns the cookies and the CSRF token."""
    jar = {}
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", "/login")
    response = conn.getresponse()
    page = response.read().decode()
    cookies_of(response, jar)
    token = re.search(r'name="_csrf" value="([0-9a-f]+)"', page).group(1)
    body = urllib.parse.urlencode({"_csrf": token, "email": PROCESSOR, "password": PASSWORD})
    conn.request("POST", "/login", body, {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": cookie_header(jar),
        "Sec-Fetch-Site": "same-origin",
    })
    response = conn.getresponse()
    response.read()
    if response.status != 303:
        sys.exit(f"sign-in failed ({response.status})")
    cookies_of(response, jar)
    conn.request("GET", "/courses", headers={"Cookie": cookie_header(jar)})
    response = conn.getresponse()
    courses = sorted(set(re.findall(r'href="(/courses/[0-9a-f-]{36})"', response.read().decode())))
    if not courses:
        sys.exit("the demo processor has no courses")
    # The session's form token, as every form of the session carries it.
    conn.request("GET", f"{courses[0]}/steps", headers={"Cookie": cookie_header(jar)})
    page = conn.getresponse().read().decode()
    csrf = re.search(r'name="_csrf" value="([0-9a-f]+)"', page).group(1)
    return jar, csrf, courses


def writer(number, port, round_number, jar, csrf, courses, stop, acknowledged, failures):
    """Adds steps until the server goes away; records each acknowledged text."""
    course = courses[number % len(courses)]
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": cookie_header(jar),
        "Sec-Fetch-Site": "same-origin",
    }
    n = 0
    while not stop.is_set():
        n += 1
        text = f"crash-r{round_number}-w{number}-{n}"
        body = urllib.parse.urlencode({
            "_csrf": csrf, "description": text, "owner": "young_person", "goal": "", "due_date": "",
        })
        try:
            conn.request("POST", f"{course}/steps", body, headers)
            response = conn.getresponse()
            response.read()
        except (OSError, http.client.HTTPException):
            # The server is gone (or going): this write was not acknowledged.
            return
        if response.status == 303:
            acknowledged.append(text)
        elif response.status != 503:
            failures.append(f"{text}: {response.status}")


def stored_texts(args):
    """Every crash-suite step description in the database."""
    query = "SELECT description FROM steps WHERE description LIKE 'crash-r%'"
    if args.database_url:
        out = subprocess.run(["psql", args.database_url, "-At", "-c", query],
                             check=True, capture_output=True, text=True).stdout
        return set(out.split())
    db = sqlite3.connect(os.path.join(args.data_dir, "tandem.db"))
    try:
        return {row[0] for row in db.execute(query)}
    finally:
        db.close()


def integrity(args):
    if args.database_url:
        return "ok"
    db = sqlite3.connect(os.path.join(args.data_dir, "tandem.db"))
    try:
        return db.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        db.close()


def verify_audit(args):
    result = subprocess.run(base_command(args) + ["audit", "verify"], capture_output=True, text=True)
    return result.returncode == 0, (result.stdout + result.stderr).strip()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", required=True)
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--database-url")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--writers", type=int, default=50)
    parser.add_argument("--kill-after", type=float, default=10.0, help="seconds of load before SIGKILL")
    parser.add_argument("--port", type=int, default=18290)
    args = parser.parse_args()
    backend = "PostgreSQL" if args.database_url else "SQLite"
    log = open(os.path.join(args.data_dir, "server.log"), "ab")
    all_acknowledged = set()
    for round_number in range(1, args.rounds + 1):
        server = start_server(args, args.port, log)
        jar, csrf, courses = sign_in(args.port)
        stop, acknowledged, failures = threading.Event(), [], []
        threads = [threading.Thread(target=writer, args=(
            i, args.port, round_number, jar, csrf, courses, stop, acknowledged, failures))
            for i in range(args.writers)]
        for thread in threads:
            thread.start()
        time.sleep(args.kill_after)
        os.kill(server.pid, signal.SIGKILL)
        server.wait()
        stop.set()
        for thread in threads:
            thread.join()
        all_acknowledged.update(acknowledged)
        # Restart on the same data: recovery is part of what is tested.
        server = start_server(args, args.port, log)
        stored = stored_texts(args)
        lost = sorted(all_acknowledged - stored)
        intact, verify_output = verify_audit(args)
        check = integrity(args)
        server.send_signal(signal.SIGTERM)
        server.wait()
        print(f"{backend} round {round_number}: {len(acknowledged)} writes acknowledged by "
              f"{args.writers} writers in {args.kill_after:g} s before kill -9; "
              f"{len(lost)} lost; audit: {verify_output}; integrity_check: {check}")
        if failures:
            sys.exit(f"writes answered neither 303 nor 503: {failures[:5]}")
        if not acknowledged:
            sys.exit("no write was acknowledged: the load did not reach the server")
        if lost or not intact or check != "ok":
            sys.exit(f"FAILED: lost {lost[:10]}")
    print(f"{backend}: {args.rounds} rounds, {len(all_acknowledged)} acknowledged writes, none lost")


if __name__ == "__main__":
    main()
