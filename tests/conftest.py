"""Settings for every pytest process of the suite.

The garbage collector's thresholds: a test process holds many long-lived objects (an app and its route
table per settings variant, Hypothesis' data, the imported libraries), and the default thresholds
(700, 10, 10) run a full collection over all of them every few seconds of requests. Measured on the
API suite on SQLite with two workers: 36 full collections took 8.8 s of one worker; with these
thresholds the suite took 86 s instead of 100 s and 140 s of CPU instead of 168 s. Young garbage is
still collected (every 50,000 allocations), so memory stays bounded.
"""

from __future__ import annotations

import gc

gc.set_threshold(50_000, 20, 100)
