"""CPU work off the event loop, a bounded number of requests at a time.

Reading free text (spaCy), assessing a record, and an interview step (database and engine) take
from a millisecond to a second of pure Python. Run on the event loop they stall every other
connection, ``/healthz`` included; run in FastAPI's default pool (40 threads) they all compete
for the interpreter lock with the loop, which then waits its turn behind dozens of threads.

So this work goes to a small, separate pool: at most ``worker_threads`` requests compute at once
(``TWITCHCHECK_WORKER_THREADS``, default 2, one per core of the machines we measure on); the rest
wait on the loop, where waiting costs nothing. The event loop then competes with at most that
many threads, and requests that need no worker (``/healthz``, the catalogue, an assessment
without text) are answered between their time slices.

The other pause is the garbage collector: a full collection walks every object the process
holds (the knowledge base, spaCy's vocabulary and model: millions), for 50-100 ms with the
interpreter lock held, and parsing a long text allocates enough to trigger one every few
requests. :meth:`Workers.start` and the first run after spaCy is loaded move everything
allocated so far into the collector's permanent generation (``gc.freeze``), which it never
walks; objects made by requests are still collected as before. Measured on one core: the
longest wait of the event loop behind a thread parsing 5,000 characters went from 67 ms to 8 ms.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable
from functools import partial
from typing import TypeVar

import anyio.to_thread
from anyio import CapacityLimiter

T = TypeVar("T")

# How long a thread holding the interpreter lock keeps it before another runnable thread (the
# event loop) is let in. Python's default is 5 ms; 1 ms bounds what the loop waits behind a
# worker that parses text, for a few per cent of throughput on CPU-bound requests.
SWITCH_INTERVAL_S = 0.001


class Workers:
    """The bounded pool. Create it once per app; :meth:`run` from request handlers."""

    def __init__(self, threads: int) -> None:
        self.threads = threads
        self._limiter: CapacityLimiter | None = None
        self._frozen_with_text = False

    def start(self) -> None:
        """Called from the app's start-up, inside the event loop (where a limiter must be made)."""
        self._limiter = CapacityLimiter(self.threads)
        sys.setswitchinterval(SWITCH_INTERVAL_S)
        gc.freeze()  # the knowledge base and the app, loaded for good

    async def run(self, fn: Callable[..., T], *args: object) -> T:
        """``fn(*args)`` in a worker thread, once one of the ``threads`` slots is free."""
        if self._limiter is None:  # an app used without its lifespan (never in serve)
            self.start()
        result = await anyio.to_thread.run_sync(partial(fn, *args), limiter=self._limiter)
        if not self._frozen_with_text and "spacy" in sys.modules:
            # The text reader is loaded on first use (it takes a second): freeze it once, too.
            self._frozen_with_text = True
            gc.freeze()
        return result
