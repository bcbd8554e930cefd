#!/usr/bin/env python3
"""N live pages' worth of requests, without a browser's own CPU: for bench/serve-overhead.sh.

Each emulated page does what the live page's script does: GET / once, then GET /api/state?page=ID&since=VERSION
(204 when nothing changed; 200 with the state otherwise, whose version it sends next time) a second after a change
and up to five seconds (1.5 times longer each time) while nothing changes, until the state is final, the server goes
away, or it is killed.

    python3 bench/serve_pages.py http://127.0.0.1:PORT/ [PAGES]
"""
import json
import random
import string
import sys
import threading
import time
import urllib.error
import urllib.request


def page(base, stop):
    pid = "".join(random.choice(string.ascii_lowercase + string.digits) for _ in range(10))
    version = ""
    delay = 1.0
    try:
        urllib.request.urlopen(base, timeout=10).read()
    except (urllib.error.URLError, OSError):
        return
    while not stop.is_set():
        try:
            with urllib.request.urlopen(f"{base}api/state?page={pid}&since={version}", timeout=10) as r:
                if r.status == 200:
                    state = json.loads(r.read())
                    version = state["version"]
                    delay = 1.0
                    if state.get("final"):
                        if state.get("report"):
                            urllib.request.urlopen(f"{base}{state['report']}?page={pid}", timeout=10).read()
                        return
                else:
                    delay = min(5.0, delay * 1.5)
        except (urllib.error.URLError, OSError):
            return
        stop.wait(delay)


def main():
    base = sys.argv[1] if sys.argv[1].endswith("/") else sys.argv[1] + "/"
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    stop = threading.Event()
    threads = [threading.Thread(target=page, args=(base, stop), daemon=True) for _ in range(n)]
    for t in threads:
        t.start()
        time.sleep(0.2)  # pages opened one after another, not in lockstep
    try:
        for t in threads:
            t.join()
    except KeyboardInterrupt:
        stop.set()


if __name__ == "__main__":
    main()
