#!/usr/bin/env python3
"""The baseline p2p get is measured against: one HTTP GET, 1 MiB reads, SHA-256 and the write on a second thread, one
fsync at the end. Usage: threaded_get.py URL OUT_FILE; prints "<bytes> <seconds> <sha256>" (seconds from the request to
the fsync)."""
import hashlib, os, queue, sys, threading, time, urllib.request

def main(url, out):
    started = time.perf_counter()
    chunks, sha = queue.Queue(maxsize=16), hashlib.sha256()
    with open(out, "wb") as f:
        def store():  # hashlib and file writes release the GIL: this thread runs beside the reader
            while (chunk := chunks.get()) is not None:
                sha.update(chunk)
                f.write(chunk)
        writer = threading.Thread(target=store)
        writer.start()
        size = 0
        with urllib.request.urlopen(url) as response:
            while chunk := response.read(1 << 20):
                chunks.put(chunk)
                size += len(chunk)
        chunks.put(None)
        writer.join()
        f.flush()
        os.fsync(f.fileno())
    print(size, time.perf_counter() - started, sha.hexdigest())

if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
