// Token requests per provider endpoint (electron/core/tokens/lanes.ts): a few at a time to one
// endpoint, never held up by another endpoint, the ones somebody waits for first.
import { describe, expect, it } from 'vitest';

import { EndpointLanes } from '../../../electron/core/tokens/lanes';

/** An exchange that runs until its `end()` is called; `started` says whether it began. */
function held() {
  let end!: () => void;
  const done = new Promise<void>((resolve) => (end = resolve));
  const exchange = { started: false, end: () => end(), run: () => ((exchange.started = true), done) };
  return exchange;
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('endpoint lanes', () => {
  it('run at most the cap per endpoint; a busy provider never holds up another', async () => {
    const lanes = new EndpointLanes(2);
    const slow = [held(), held(), held()];
    const slowRuns = slow.map((x) => lanes.run('https://api.slow.example/v1/', 'scheduled', x.run));
    const other = held();
    const otherRun = lanes.run('https://api.other.example', 'scheduled', other.run);
    await flush();
    expect(slow.map((x) => x.started)).toEqual([true, true, false]);
    expect(other.started).toBe(true);
    expect(lanes.stats()).toEqual([
      { endpoint: 'https://api.slow.example', running: 2, queued: 1 },
      { endpoint: 'https://api.other.example', running: 1, queued: 0 },
    ]);
    // The same host on another port is another endpoint; the same origin spelled differently is not.
    const sameOrigin = held();
    void lanes.run('HTTPS://API.SLOW.EXAMPLE:443/other/path', 'scheduled', sameOrigin.run);
    await flush();
    expect(sameOrigin.started).toBe(false);

    slow[0]!.end();
    await flush();
    expect(slow[2]!.started).toBe(true);
    for (const x of [...slow, other, sameOrigin]) x.end();
    await Promise.all([...slowRuns, otherRun]);
    await flush();
    expect(lanes.stats()).toEqual([]);
  });

  it('somebody waiting goes ahead of the schedule, also when the wait starts after queueing', async () => {
    const lanes = new EndpointLanes(1);
    const order: string[] = [];
    const first = held();
    void lanes.run('https://p.example', 'scheduled', first.run);
    const queued = ['a', 'b', 'c', 'd'].map((name) =>
      lanes.run('https://p.example', 'scheduled', () => (order.push(name), Promise.resolve()), `ticket-${name}`),
    );
    const urgent = lanes.run('https://p.example', 'waiting', () => (order.push('urgent'), Promise.resolve()));
    lanes.hurry('ticket-c');
    lanes.hurry('no-such-ticket'); // already done or never queued: nothing happens
    first.end();
    await Promise.all([...queued, urgent]);
    expect(order).toEqual(['urgent', 'c', 'a', 'b', 'd']);
  });
});
