"""What an operator sees: Prometheus metrics, one JSON log line per request (and per job), the
request id that ties a client's error to that line, and health endpoints."""
