// Keeps the token service listening while access keys exist, on both loopbacks. When another
// program holds the port (or one of its loopback addresses), POS programs may be handing it
// their keys: so Tessera says so in its status and tries the port again every 5 s, taking it
// the moment it is free (issue 10, finding 4).
import type { ServiceStatus } from '#common/contract';

import type { Clock, TimerHandle } from '../clock';
import { errorName } from '../error-facts';
import type { Logger } from '../logger';
import type { ListenOutcome, TokenService } from './token-service';

/** How often a port held by another program is tried again. */
export const PORT_RETRY_MS = 5_000;

export interface ServiceRunnerOptions {
  service: TokenService;
  clock: Clock;
  logger: Logger;
  /** Whether the service should run (at least one access key exists). */
  wanted(): boolean;
  /** The port it should listen on (0 picks a free one). */
  port(): number;
  portOverridden: boolean;
  onStatus(status: ServiceStatus): void;
}

export class ServiceRunner {
  private current: ServiceStatus;
  private chain: Promise<void> = Promise.resolve();
  private retry: TimerHandle | undefined;
  private stopped = false;
  /** What the last attempt logged as wrong, so the log says it once, not every 5 s. */
  private logged: string | undefined;

  constructor(private readonly opts: ServiceRunnerOptions) {
    this.current = { running: false, port: opts.port(), portOverridden: opts.portOverridden };
  }

  get status(): ServiceStatus {
    return { ...this.current };
  }

  /** Brings the service in line with the keys and the port setting. Serialized: a create and a revoke in quick succession must not race on the socket. */
  sync(): Promise<void> {
    this.chain = this.chain
      .then(() => this.syncOnce())
      .catch((err: unknown) => this.opts.logger.error('token service: could not be brought up to date', { name: errorName(err) }));
    return this.chain;
  }

  /** No more retries; the caller closes the service itself. */
  stop(): void {
    this.stopped = true;
    this.clearRetry();
  }

  private async syncOnce(): Promise<void> {
    this.clearRetry();
    if (this.stopped) return;
    const { service } = this.opts;
    const wanted = this.opts.wanted();
    const port = this.opts.port();
    const current = service.port;
    if (current !== undefined && (!wanted || (port !== 0 && port !== current))) await service.close();
    const base = { portOverridden: this.opts.portOverridden };
    let status: ServiceStatus = { running: false, port, ...base };
    if (wanted) {
      const outcome = await service.listen(port);
      status = this.statusOf(outcome);
      this.log(outcome);
      if (outcome.held.length > 0 || outcome.listening.length === 0) {
        const retryAt = this.opts.clock.now() + PORT_RETRY_MS;
        status.retryAt = retryAt;
        this.retry = this.opts.clock.setTimeout(() => {
          this.retry = undefined;
          void this.sync();
        }, PORT_RETRY_MS);
      }
    } else this.logged = undefined;
    this.current = status;
    this.opts.onStatus({ ...status });
  }

  private statusOf(outcome: ListenOutcome): ServiceStatus {
    const base = { portOverridden: this.opts.portOverridden };
    const held = outcome.held.length > 0 ? { held: [...outcome.held] } : {};
    if (outcome.listening.length === 0) {
      return { running: false, port: outcome.port, error: outcome.held.length > 0 ? 'port_in_use' : 'failed', ...held, ...base };
    }
    const host = outcome.listening.includes('127.0.0.1') ? '127.0.0.1' : `[${outcome.listening[0]}]`;
    return {
      running: true,
      port: outcome.port,
      url: `http://${host}:${outcome.port}`,
      listening: [...outcome.listening],
      ...(outcome.held.length > 0 ? { error: 'port_in_use' as const } : {}),
      ...held,
      ...base,
    };
  }

  private log(outcome: ListenOutcome): void {
    const { logger } = this.opts;
    if (outcome.unavailable.length > 0)
      logger.debug('token service: loopback addresses not on this machine', { skipped: outcome.unavailable.join(' ') });
    const failed = outcome.listening.length === 0 ? outcome.failed : undefined;
    const problem = outcome.held.length > 0 ? `held ${outcome.held.join(' ')}` : failed ? `failed ${failed}` : undefined;
    if (problem === this.logged) return;
    if (outcome.held.length > 0) {
      logger.error('token service: another program holds the port; retrying every 5 s', {
        port: outcome.port,
        held: outcome.held.join(' '),
      });
    } else if (failed) {
      logger.error('token service could not start; retrying every 5 s', { port: outcome.port, code: failed });
    } else if (this.logged) {
      logger.info('token service: the port is free again and taken', { port: outcome.port });
    }
    this.logged = problem;
  }

  private clearRetry(): void {
    if (this.retry !== undefined) this.opts.clock.clearTimeout(this.retry);
    this.retry = undefined;
  }
}
