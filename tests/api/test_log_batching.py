"""Log lines leave the event loop in batches (core/log_batching.py): every line arrives, in order, written
by the writer thread and never by the thread that logged it; closing writes what is left."""

from __future__ import annotations

import json
import logging
import threading

from tandem.core.log_batching import BatchingLogHandler
from tandem.core.observability import JsonFormatter


class RecordingStream:
    def __init__(self) -> None:
        self.text = ""
        self.writers: set[str] = set()

    def write(self, text: str) -> int:
        self.writers.add(threading.current_thread().name)
        self.text += text
        return len(text)

    def flush(self) -> None:
        return None


def test_every_line_arrives_in_order_from_the_writer_thread() -> None:
    stream = RecordingStream()
    handler = BatchingLogHandler(stream)
    handler.setFormatter(JsonFormatter(instance_id="test"))
    logger = logging.getLogger("tandem.test_log_batching")
    logger.propagate = False
    logger.setLevel(logging.INFO)
    logger.addHandler(handler)
    try:
        for n in range(1200):  # past the high-water mark
            logger.info("line %d", n, extra={"request_id": f"r{n}"})
        logger.warning("a warning")
    finally:
        logger.removeHandler(handler)
        handler.close()
    lines = [json.loads(line) for line in stream.text.splitlines()]
    assert [line["message"] for line in lines] == [f"line {n}" for n in range(1200)] + ["a warning"]
    assert lines[7]["request_id"] == "r7" and lines[-1]["level"] == "warning"
    assert stream.writers == {"log-writer"}, stream.writers
    assert threading.current_thread().name not in stream.writers
