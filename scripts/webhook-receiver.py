#!/usr/bin/env python3
"""A webhook receiver for the demo: what an on-call person's endpoint sees.

Usage: webhook-receiver.py PORT SECRET LOG

Listens on 127.0.0.1:PORT, checks each request's X-Ticker-Signature
(HMAC-SHA256 of the body with SECRET), drops repeats by X-Ticker-Alert-Id
(delivery is at least once), and appends one line per alert to LOG.
"""
import hashlib
import hmac
import json
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer

port, secret, log = int(sys.argv[1]), sys.argv[2].encode(), sys.argv[3]
seen = set()


class Receiver(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        expected = "sha256=" + hmac.new(secret, body, hashlib.sha256).hexdigest()
        signed = hmac.compare_digest(expected, self.headers.get("X-Ticker-Signature", ""))
        alert_id = self.headers.get("X-Ticker-Alert-Id", "")
        if not signed:
            self.send_response(401)
            self.end_headers()
            return
        if alert_id not in seen:
            seen.add(alert_id)
            alert = json.loads(body)
            with open(log, "a", encoding="utf-8") as out:
                out.write(f"[signature ok] {alert.get('reason')}: {alert.get('summary')}\n")
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


HTTPServer(("127.0.0.1", port), Receiver).serve_forever()
