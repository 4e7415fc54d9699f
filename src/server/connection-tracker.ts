/**
 * Knows every open connection of the listener and how many responses each has in
 * progress, so a graceful stop can close a keep-alive connection the moment its last
 * response is out, and answer anything that still arrives with `Connection: close`.
 * (`server.closeIdleConnections()` alone misses connections whose last response was
 * a stream, and they would linger until the keep-alive timeout.)
 */
import type { Server } from 'node:http';
import type { Socket } from 'node:net';

export class ConnectionTracker {
  private readonly active = new Map<Socket, number>();
  private draining = false;
  private emptyWaiters: (() => void)[] = [];

  constructor(server: Server) {
    server.on('connection', (socket: Socket) => {
      this.active.set(socket, 0);
      socket.once('close', () => {
        this.active.delete(socket);
        if (this.active.size === 0) for (const resolve of this.emptyWaiters.splice(0)) resolve();
      });
    });
    server.on('request', (request, response) => {
      const socket = request.socket;
      this.active.set(socket, (this.active.get(socket) ?? 0) + 1);
      if (this.draining) response.setHeader('Connection', 'close');
      response.once('close', () => {
        if (!this.active.has(socket)) return;
        const remaining = Math.max(0, (this.active.get(socket) ?? 1) - 1);
        this.active.set(socket, remaining);
        if (this.draining && remaining === 0) closeWhenFlushed(socket);
      });
    });
  }

  /** Open connections. */
  get size(): number {
    return this.active.size;
  }

  /** From now on connections close as soon as they are idle; idle ones close now. */
  drain(): void {
    this.draining = true;
    for (const [socket, responses] of this.active) if (responses === 0) closeWhenFlushed(socket);
  }

  /** Destroys every connection, busy or not. */
  destroyAll(): void {
    for (const socket of this.active.keys()) socket.destroy();
  }

  /** Resolves when no connection is open. */
  whenEmpty(): Promise<void> {
    if (this.active.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.emptyWaiters.push(resolve));
  }
}

/** Ends `socket` and destroys it once its output is flushed: the client need not close its side. */
function closeWhenFlushed(socket: Socket): void {
  socket.end();
  if (socket.writableFinished) socket.destroy();
  else socket.once('finish', () => socket.destroy());
}
