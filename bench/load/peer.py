"""The pipeline a user would write instead of ticker, for the end-to-end
bench: feedparser reads the feed, requests fetches each page, trafilatura
extracts title and text, confluent-kafka publishes one JSON record per
article (idempotent producer, acks=all, zstd, like ticker), spread over
PROCESSES processes. Text only: no entities, claims or stories.

Usage: python peer.py FEED_URL BROKERS TOPIC [PROCESSES]
Prints one JSON line: {"articles", "seconds", "articles_per_second"}.
"""

import json
import multiprocessing
import sys
import time

import feedparser
import requests
import trafilatura
from confluent_kafka import Producer


def work(job):
    urls, brokers, topic = job
    producer = Producer(
        {
            "bootstrap.servers": brokers,
            "enable.idempotence": True,
            "acks": "all",
            "compression.type": "zstd",
            "linger.ms": 5,
        }
    )
    session = requests.Session()
    published = 0
    for url in urls:
        try:
            response = session.get(url, timeout=20)
            response.raise_for_status()
        except requests.RequestException:
            continue
        document = trafilatura.bare_extraction(response.content, url=url, with_metadata=True)
        if document is None or not document.text:
            continue
        record = {"url": url, "title": document.title, "text": document.text, "date": document.date}
        producer.produce(topic, key=url.encode(), value=json.dumps(record, ensure_ascii=False).encode())
        producer.poll(0)
        published += 1
    producer.flush(60)
    return published


def main() -> None:
    feed_url, brokers, topic = sys.argv[1:4]
    processes = int(sys.argv[4]) if len(sys.argv) > 4 else 2
    started = time.monotonic()
    feed = feedparser.parse(requests.get(feed_url, timeout=20).content)
    links = [entry.link for entry in feed.entries]
    jobs = [(links[index::processes], brokers, topic) for index in range(processes)]
    with multiprocessing.Pool(processes) as pool:
        published = sum(pool.map(work, jobs))
    seconds = time.monotonic() - started
    print(json.dumps({"articles": published, "seconds": round(seconds, 2), "articles_per_second": round(published / seconds, 1)}))


if __name__ == "__main__":
    main()
