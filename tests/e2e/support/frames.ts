// Every WebSocket frame the page sends and receives, for the secret-leak checks. A page opens a
// new socket on each load (reloads, host restarts) and request ids start again on each, so the
// method a received frame answers is looked up on its own socket.
import type { Page } from '@playwright/test';

export interface Frame {
  direction: 'sent' | 'received';
  payload: string;
  /** Which of the page's sockets carried it (0 for the first). */
  socket: number;
}

export interface ReceivedFrame {
  /** The contract method this frame answers; undefined for events. */
  method: string | undefined;
  payload: string;
  socket: number;
}

export class FrameLog {
  readonly frames: Frame[] = [];
  private sockets = 0;

  attach(page: Page): void {
    page.on('websocket', (ws) => {
      const socket = this.sockets++;
      ws.on('framesent', (f) => this.frames.push({ direction: 'sent', payload: String(f.payload), socket }));
      ws.on('framereceived', (f) => this.frames.push({ direction: 'received', payload: String(f.payload), socket }));
    });
  }

  received(): string[] {
    return this.frames.filter((f) => f.direction === 'received').map((f) => f.payload);
  }

  sent(): string[] {
    return this.frames.filter((f) => f.direction === 'sent').map((f) => f.payload);
  }

  /** Received frames, each with the method it answers (undefined for events). */
  receivedWithMethods(): ReceivedFrame[] {
    const methods = new Map<string, string | undefined>();
    for (const f of this.frames) {
      if (f.direction !== 'sent') continue;
      const id = idOf(f.payload);
      if (id !== undefined) methods.set(`${f.socket}:${id}`, methodOf(f.payload));
    }
    return this.frames
      .filter((f) => f.direction === 'received')
      .map(({ payload, socket }) => {
        const id = idOf(payload);
        return { method: id === undefined ? undefined : methods.get(`${socket}:${id}`), payload, socket };
      });
  }
}

function idOf(payload: string): number | undefined {
  try {
    const parsed = JSON.parse(payload) as { id?: unknown };
    return typeof parsed.id === 'number' ? parsed.id : undefined;
  } catch {
    return undefined;
  }
}

/** The contract method a sent frame calls. */
export function methodOf(payload: string): string | undefined {
  try {
    const parsed = JSON.parse(payload) as { method?: unknown };
    return typeof parsed.method === 'string' ? parsed.method : undefined;
  } catch {
    return undefined;
  }
}
