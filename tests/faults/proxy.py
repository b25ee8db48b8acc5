"""A TCP proxy on loopback that a test puts between the app and PostgreSQL or Redis, to fail them.

Modes, switched at any time from the test:
- forward():  pass bytes both ways (the start, and "restore" after a fault);
- refuse():   stop listening and reset every open connection: a server that is down;
- sever():    reset every open connection but keep listening: a server that restarted;
- black_hole(): accept new connections and hold them silent, stop passing bytes on open ones.
  The kernel still acknowledges what the app sends, so the app's TCP timeouts cannot fire:
  a server that hangs;
- dropped():  a context manager adding iptables DROP rules for the proxy's port: the kernel
  acknowledges nothing, as with a dead host or a cut network (tcp_user_timeout fires).
"""

import selectors
import socket
import struct
import subprocess
import threading
from contextlib import contextmanager

FORWARD, REFUSE, BLACK_HOLE = "forward", "refuse", "black hole"


class FaultProxy:
    def __init__(self, upstream, port):
        self.upstream = upstream
        self.port = port
        self.mode = FORWARD
        self._listener = None
        self._connections = []
        self._lock = threading.Lock()
        self._running = True
        self._listen()
        self._acceptor = threading.Thread(target=self._accept_loop, name=f"proxy-{port}", daemon=True)
        self._acceptor.start()

    # The modes

    def forward(self):
        self.mode = FORWARD
        self._listen()

    def refuse(self):
        self.mode = REFUSE
        with self._lock:
            listener, self._listener = self._listener, None
        if listener is not None:
            listener.close()
        self.sever()

    def sever(self):
        with self._lock:
            connections, self._connections = self._connections, []
        for sock in connections:
            _reset(sock)

    def black_hole(self):
        self.mode = BLACK_HOLE

    @contextmanager
    def dropped(self):
        """Every packet to or from the proxy's port dropped by the kernel, for the block's time."""
        rules = [
            ["INPUT", "-i", "lo", "-p", "tcp", match, str(self.port), "-j", "DROP"]
            for match in ("--dport", "--sport")
        ]
        for rule in rules:
            # A run killed inside the block leaves its rules behind: never stack a second copy.
            while _iptables("-C", *rule, check=False).returncode == 0:
                _iptables("-D", *rule)
            _iptables("-I", *rule)
        try:
            yield
        finally:
            for rule in rules:
                _iptables("-D", *rule)

    def close(self):
        self._running = False
        self.refuse()
        self._acceptor.join(timeout=5)

    def open_connections(self):
        with self._lock:
            return len(self._connections) // 2

    # The machinery

    def _listen(self):
        with self._lock:
            if self._listener is not None:
                return
            listener = socket.socket()
            listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            listener.bind(("127.0.0.1", self.port))
            listener.listen(64)
            listener.settimeout(0.1)
            self._listener = listener

    def _accept_loop(self):
        while self._running:
            with self._lock:
                listener = self._listener
            if listener is None:
                threading.Event().wait(0.05)
                continue
            try:
                client, _ = listener.accept()
            except (TimeoutError, OSError):
                continue
            if self.mode == BLACK_HOLE:
                # Held open, never read nor answered.
                with self._lock:
                    self._connections += [client, client]
                continue
            try:
                server = socket.create_connection(self.upstream, timeout=2)
            except OSError:
                _reset(client)
                continue
            with self._lock:
                self._connections += [client, server]
            threading.Thread(target=self._pump, args=(client, server), daemon=True).start()

    def _pump(self, client, server):
        peer = {client: server, server: client}
        with selectors.DefaultSelector() as selector:
            for sock in peer:
                sock.setblocking(True)
                selector.register(sock, selectors.EVENT_READ)
            try:
                while self._running:
                    if self.mode == BLACK_HOLE:
                        # Bytes wait in the kernel's buffers, acknowledged, until forward().
                        threading.Event().wait(0.05)
                        continue
                    for key, _ in selector.select(timeout=0.1):
                        data = key.fileobj.recv(65536)
                        if not data:
                            return
                        peer[key.fileobj].sendall(data)
            except OSError:
                return
            finally:
                with self._lock:
                    self._connections = [s for s in self._connections if s not in peer]
                for sock in peer:
                    _reset(sock)


def _reset(sock):
    """Close with an RST, as a server that dies does, rather than an orderly FIN."""
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        sock.close()
    except OSError:
        pass


def _iptables(*args, check=True):
    return subprocess.run(["iptables", "-w", "5", *args], check=check, capture_output=True, timeout=10)


def kernel_drop_unavailable():
    """Why dropped() cannot work here, or None when it can (iptables, as root, on loopback)."""
    try:
        done = subprocess.run(["iptables", "-w", "5", "-L", "INPUT", "-n"], capture_output=True, timeout=10)
    except FileNotFoundError:
        return "iptables is not installed (apt-get install iptables)"
    except subprocess.TimeoutExpired:
        return "iptables did not answer"
    if done.returncode != 0:
        return f"iptables cannot read the rules: {done.stderr.decode().strip()}"
    return None
