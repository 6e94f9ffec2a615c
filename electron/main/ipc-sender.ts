// Who may call the contract: only the main frame of Tessera's window while it shows Tessera's
// own origin. Plain Node (frames are described structurally) so tests/unit/main can prove it.

/** What we read of a WebFrameMain; Electron's frames satisfy it as they are. */
export interface FrameIdentity {
  readonly processId: number;
  readonly routingId: number;
  readonly url: string;
}

/**
 * True only when `sender` is the very frame `mainFrame` is (same renderer process, same frame)
 * and its document is on `origin`. A subframe, another window, a page that navigated away, or a
 * frame Electron has already disposed (reading it throws) is refused.
 */
export function isTrustedSender(
  sender: FrameIdentity | null | undefined,
  mainFrame: FrameIdentity | null | undefined,
  isOurUrl: (url: string) => boolean,
): boolean {
  if (!sender || !mainFrame) return false;
  try {
    return sender.processId === mainFrame.processId && sender.routingId === mainFrame.routingId && isOurUrl(sender.url);
  } catch {
    return false;
  }
}
