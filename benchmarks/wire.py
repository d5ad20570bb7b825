"""Bytes on the wire: a loopback TCP relay that counts what the server sends to the browser.

The browser's own counters miss part of it: DevTools reports websocket frames after decompression, and
Playwright's sizes leave out headers. Everything the server writes passes through this relay, compressed
or not, HTTP or websocket, so its count is what a phone on school Wi-Fi would download. The relay also
notes the request line of every HTTP request that reaches the server (one answered from the browser's
cache or a service worker never does), so `requests` counts what went to the network.
"""

from __future__ import annotations

import asyncio
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager

#: An HTTP/1.x request line at the start of what the client wrote (a browser writes each request's head at
#: once and does not pipeline; websocket frames from a client start with an opcode byte, never a letter).
_REQUEST_LINE = re.compile(rb"([A-Z]+) (\S+) HTTP/1\.[01]\r\n")


class ByteCounter:
    """A relay from a free 127.0.0.1 port to `target_port`, counting bytes from the server to the client.

    `requests` lists the "METHOD target" of each request that reached the server since the last `reset`.
    """

    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.port = 0
        self.received = 0
        self.requests: list[str] = []
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._writers: set[asyncio.StreamWriter] = set()

    def reset(self) -> int:
        """The byte count so far, then start again from zero (and with no requests)."""
        count, self.received = self.received, 0
        self.requests = []
        return count

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        server = self._loop.run_until_complete(asyncio.start_server(self._relay, "127.0.0.1", 0))
        self.port = server.sockets[0].getsockname()[1]
        self._ready.set()
        self._loop.run_forever()
        server.close()
        # Connections the browser kept alive: close them, so their relays end before the loop closes.
        for writer in self._writers:
            writer.close()
        tasks = [task for task in asyncio.all_tasks(self._loop) if not task.done()]
        self._loop.run_until_complete(asyncio.wait(tasks, timeout=5) if tasks else asyncio.sleep(0))
        self._loop.close()

    async def _relay(self, client_reader: asyncio.StreamReader, client_writer: asyncio.StreamWriter) -> None:
        try:
            server_reader, server_writer = await asyncio.open_connection("127.0.0.1", self.target_port)
        except OSError:
            client_writer.close()
            return
        self._writers.update((client_writer, server_writer))
        await asyncio.gather(
            self._pipe(client_reader, server_writer, count=False),
            self._pipe(server_reader, client_writer, count=True),
        )

    async def _pipe(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, count: bool) -> None:
        try:
            while chunk := await reader.read(65536):
                if count:
                    self.received += len(chunk)
                elif line := _REQUEST_LINE.match(chunk):
                    self.requests.append(f"{line[1].decode()} {line[2].decode(errors='replace')}")
                writer.write(chunk)
                await writer.drain()
        except (ConnectionError, OSError):
            pass
        finally:
            writer.close()
            self._writers.discard(writer)

    def start(self) -> None:
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("the byte-counting relay did not start")

    def stop(self) -> None:
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)


@contextmanager
def counting_relay(target_port: int) -> Iterator[ByteCounter]:
    """A running `ByteCounter` in front of `target_port`, stopped when the block ends."""
    counter = ByteCounter(target_port)
    counter.start()
    try:
        yield counter
    finally:
        counter.stop()
