"""Log lines leave the event loop in batches (core/log_batching.py): every line arrives, in order, written
by the writer thread rather than by the thread that logged it, also after a logging configuration closed
the handler (uvicorn applies its own after the app's); flushing writes what is left."""

from __future__ import annotations

import json
import logging
import logging.config
import threading

from tandem.core.log_batching import BatchingLogHandler
from tandem.core.observability import JsonFormatter


class RecordingStream:
    def __init__(self) -> None:
        self.text = ""
        self.flushing = False
        self.written_while_logging: set[str] = set()

    def write(self, text: str) -> int:
        if not self.flushing:
            self.written_while_logging.add(threading.current_thread().name)
        self.text += text
        return len(text)

    def flush(self) -> None:
        return None


def _logger(handler: logging.Handler) -> logging.Logger:
    logger = logging.getLogger("tandem.test_log_batching")
    logger.propagate = False
    logger.setLevel(logging.INFO)
    logger.handlers = [handler]
    return logger


def test_every_line_arrives_in_order_and_the_logging_thread_never_writes() -> None:
    stream = RecordingStream()
    handler = BatchingLogHandler(stream)
    handler.setFormatter(JsonFormatter(instance_id="test"))
    logger = _logger(handler)
    for n in range(1200):  # past the high-water mark: the writer wakes while lines keep coming
        logger.info("line %d", n, extra={"request_id": f"r{n}"})
    logger.warning("a warning")
    stream.flushing = True
    handler.flush()
    logger.handlers = []
    lines = [json.loads(line) for line in stream.text.splitlines()]
    assert [line["message"] for line in lines] == [f"line {n}" for n in range(1200)] + ["a warning"]
    assert lines[7]["request_id"] == "r7" and lines[-1]["level"] == "warning"
    assert threading.current_thread().name not in stream.written_while_logging
    assert stream.written_while_logging <= {"log-writer"}


def test_lines_still_arrive_after_another_logging_configuration_closed_the_handler() -> None:
    stream = RecordingStream()
    handler = BatchingLogHandler(stream)
    logger = _logger(handler)
    logger.info("before")
    # What uvicorn does with its log_config: every existing handler is closed, loggers keep theirs.
    logging.config.dictConfig({"version": 1, "disable_existing_loggers": False})
    logger.info("after")
    handler.flush()
    logger.handlers = []
    assert stream.text.splitlines() == ["before", "after"]
