"""The cyclic garbage collector, tuned for a long-running server (`lodestar serve`).

With the default thresholds (700, 10, 10) a server fanning events out to a thousand sockets
runs a young collection every few hundred allocations, and every object alive at that moment
(a check-in's rows, a delivery in flight) is promoted; the promotions soon trigger a full
collection, which walks every tracked object — the imported modules and the GraphQL schema
(~270,000 objects) plus every socket's — in one pause of the event loop: 0.4–0.5 s each,
every few seconds, under 10 check-ins/s to 1,000 subscribers.

So, once the app is built: the objects that live as long as the process (modules, schema,
models) are moved out of the collector's sight (`gc.freeze()`), and young collections run
every GEN0_THRESHOLD allocations instead of 700 — fewer promotions, so far fewer full
collections, each walking only what was made after startup. Reference counting still frees
everything as before; only cyclic garbage waits longer.

The threshold bounds a young collection's pause (it walks the young objects, mostly a
check-in's cyclic garbage): measured under that load, 50,000 gave pauses of 50–100 ms,
10,000 gives ~10 ms (30 ms at most) for the same total, and no full collection in 30 s.
"""

import ctypes
import ctypes.util
import gc

GEN0_THRESHOLD = 10_000
# a full collection still walks every socket's objects (0.5–1 s with 1,000 sockets): at most
# one per GEN2_THRESHOLD middle-generation collections (~1,000,000 allocations), not per 10
GEN2_THRESHOLD = 100


def settle() -> None:
    """Collect, freeze what exists now, and raise the young and old generations' thresholds."""
    gc.collect()
    gc.freeze()
    _, gen1, _ = gc.get_threshold()
    gc.set_threshold(GEN0_THRESHOLD, gen1, GEN2_THRESHOLD)


# glibc's mallopt parameter: allocations at least this large get their own mapping
_M_MMAP_THRESHOLD = -3
MMAP_THRESHOLD = 128 * 1024


def return_large_buffers() -> bool:
    """Keep large buffers (a request's body, an answer's JSON) out of the heap, so that their
    memory goes back to the system once they are freed. glibc starts by mapping such blocks
    on their own, but after freeing one it raises that threshold to the block's size (up to
    32 MiB), and later ones of that size are carved from the heap, whose freed space it
    keeps: a few large requests left the process tens of MiB bigger for good (the audit saw
    134 → 466 MB). Fixing the threshold stops that. Returns whether it applied (glibc only)."""
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
        mallopt = getattr(libc, "mallopt", None)
    except OSError:
        return False
    return bool(mallopt and mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD) == 1)
