"""Prometheus metrics of one worker process: requests, latencies, labels, webhooks."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest


class Metrics:
    def __init__(self):
        self.registry = CollectorRegistry()
        self.requests = Counter("coi_http_requests_total", "HTTP requests",
                                ["method", "route", "status"], registry=self.registry)
        self.latency = Histogram("coi_http_request_seconds", "HTTP request latency",
                                 ["route"], registry=self.registry,
                                 buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5))
        self.labels = Counter("coi_triage_labels_total", "Predicted labels",
                              ["label"], registry=self.registry)
        self.reviews = Counter("coi_triage_needs_review_total", "Triages flagged for review",
                               registry=self.registry)
        self.webhooks = Counter("coi_webhook_deliveries_total", "Webhook delivery attempts",
                                ["outcome"], registry=self.registry)

    def render(self) -> bytes:
        return generate_latest(self.registry)
