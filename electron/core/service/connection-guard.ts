// How many connections the token service holds, and whose. Every open socket costs a file
// handle, and a process out of handles cannot write its store: so connections are capped in
// total and per access key. A socket counts against the total from the moment it is accepted;
// it belongs to a key once a request on it presented that key.
//
// At the total cap a new connection is not simply refused, or a program holding idle sockets
// (it needs no key to open them) would lock every POS program out for as long as it likes.
// Instead the oldest idle socket that never presented a key is closed to make room (then the
// oldest idle one of any key). To starve a POS program, a squatter would have to open the
// whole cap's worth of new sockets in the moment between that program connecting and sending
// its request; holding sockets achieves nothing. Sockets with a request in progress are never
// closed to make room. Idle and slow sockets are also timed out by the server (token-service.ts).
import type { Socket } from 'node:net';

export interface ConnectionLimits {
  /** Open connections at most, whether or not they presented a key. */
  total: number;
  /** Open connections per access key at most. */
  perKey: number;
}

export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = { total: 256, perKey: 128 };

interface Tracked {
  socket: Socket;
  /** The access key (its id) the last authenticated request on this socket presented. */
  keyId?: string;
  /** Requests received on it and not answered yet. */
  active: number;
}

export interface GuardCounts {
  open: number;
  /** Connections that have not presented a valid key (yet). */
  anonymous: number;
  /** Connections closed to make room, and connections refused, since the start. */
  evicted: number;
  refused: number;
}

export class ConnectionGuard {
  /** In accept order, oldest first (a Map keeps insertion order). */
  private readonly sockets = new Map<Socket, Tracked>();
  private evicted = 0;
  private refused = 0;

  constructor(private readonly limits: ConnectionLimits = DEFAULT_CONNECTION_LIMITS) {}

  /** A new connection: kept (making room if needed) or destroyed. False when destroyed. */
  accept(socket: Socket): boolean {
    if (this.sockets.size >= this.limits.total && !this.evictOne((t) => t.keyId === undefined) && !this.evictOne(() => true)) {
      this.refused += 1;
      socket.destroy();
      return false;
    }
    this.sockets.set(socket, { socket, active: 0 });
    socket.once('close', () => this.sockets.delete(socket));
    return true;
  }

  requestStarted(socket: Socket): void {
    const tracked = this.sockets.get(socket);
    if (tracked) tracked.active += 1;
  }

  requestEnded(socket: Socket): void {
    const tracked = this.sockets.get(socket);
    if (tracked && tracked.active > 0) tracked.active -= 1;
  }

  /**
   * A request on `socket` presented key `keyId`. False when that key already holds its share
   * of connections, all of them busy; an idle one of its own is closed to make room otherwise.
   */
  claim(socket: Socket, keyId: string): boolean {
    const tracked = this.sockets.get(socket);
    if (!tracked) return true;
    if (tracked.keyId === keyId) return true;
    let held = 0;
    for (const t of this.sockets.values()) if (t.keyId === keyId && t !== tracked) held += 1;
    if (held >= this.limits.perKey && !this.evictOne((t) => t.keyId === keyId && t !== tracked)) {
      this.refused += 1;
      return false;
    }
    tracked.keyId = keyId;
    return true;
  }

  /** Forgets a revoked key's claim: its sockets count as anonymous again. */
  forgetKey(keyId: string): void {
    for (const t of this.sockets.values()) if (t.keyId === keyId) delete t.keyId;
  }

  counts(): GuardCounts {
    let anonymous = 0;
    for (const t of this.sockets.values()) if (t.keyId === undefined) anonymous += 1;
    return { open: this.sockets.size, anonymous, evicted: this.evicted, refused: this.refused };
  }

  /** Closes the oldest idle socket that `which` accepts; false when there is none. */
  private evictOne(which: (t: Tracked) => boolean): boolean {
    for (const t of this.sockets.values()) {
      if (t.active === 0 && which(t)) {
        this.sockets.delete(t.socket);
        t.socket.destroy();
        this.evicted += 1;
        return true;
      }
    }
    return false;
  }
}
