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
