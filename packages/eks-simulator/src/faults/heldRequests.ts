import http from 'node:http';
import { Socket } from 'node:net';

/**
 * The requests a `hang` fault holds: never answered, their connections open until the
 * client gives up. `destroyAll()` (on stop) ends them so tests and processes exit promptly.
 */
export class HeldRequests {
  private readonly sockets = new Set<Socket>();

  hold(req: http.IncomingMessage): void {
    const socket = req.socket;
    if (this.sockets.has(socket)) return;
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
  }

  /** Connections still held open. */
  get size(): number {
    return this.sockets.size;
  }

  destroyAll(): void {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }
}
