// Every WebSocket frame the page sends and receives, for the secret-leak checks.
import type { Page } from '@playwright/test';

export interface Frame {
  direction: 'sent' | 'received';
  payload: string;
}

export class FrameLog {
  readonly frames: Frame[] = [];

  attach(page: Page): void {
    page.on('websocket', (ws) => {
      ws.on('framesent', (f) => this.frames.push({ direction: 'sent', payload: String(f.payload) }));
      ws.on('framereceived', (f) => this.frames.push({ direction: 'received', payload: String(f.payload) }));
    });
  }

  received(): string[] {
    return this.frames.filter((f) => f.direction === 'received').map((f) => f.payload);
  }

  sent(): string[] {
    return this.frames.filter((f) => f.direction === 'sent').map((f) => f.payload);
  }

  /** Received frames, each with the method it answers (undefined for events). */
  receivedWithMethods(): { method: string | undefined; payload: string }[] {
    const methods = new Map<number, string | undefined>();
    for (const payload of this.sent()) {
      const id = idOf(payload);
      if (id !== undefined) methods.set(id, methodOf(payload));
    }
    return this.received().map((payload) => {
      const id = idOf(payload);
      return { method: id === undefined ? undefined : methods.get(id), payload };
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
