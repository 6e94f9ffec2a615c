// The load generator of `npm run bench:service`, run as its own Node process (forked by
// bench/service.ts) so that the client never shares an event loop with the server under test.
//
// For each `run` command: a fresh http.Agent with `connections` keep-alive sockets; every
// connection is opened first (one request each, not measured); then each connection issues
// requests back to back until the deadline, and every response completed inside the window has
// its latency recorded with performance.now(), from http.request() to the end of the body.
import { Agent, request, type RequestOptions } from 'node:http';
import { performance } from 'node:perf_hooks';

import { summarize } from '../lib/stats';
import type { FromLoad, LoadResult, RunCommand, ToLoad } from './protocol';

function send(message: FromLoad): void {
  process.send?.(message);
}

interface Outcome {
  status: number;
  started: number;
  ended: number;
}

/** One request on the agent; calls back once, with status 0 on a socket error. */
function issue(options: RequestOptions, done: (o: Outcome) => void): void {
  const started = performance.now();
  const req = request(options, (res) => {
    res.resume();
    res.on('end', () => done({ status: res.statusCode ?? 0, started, ended: performance.now() }));
  });
  req.on('error', () => done({ status: 0, started, ended: performance.now() }));
  req.end();
}

async function run(cmd: RunCommand): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: cmd.connections });
  const headerSets = [cmd.headers, ...(cmd.moreHeaders ?? [])];
  const optionsFor = (connection: number): RequestOptions => ({
    host: '127.0.0.1',
    port: cmd.port,
    path: cmd.path,
    headers: headerSets[connection % headerSets.length],
    agent,
  });
  let totalResponses = 0;
  let non200 = 0;
  let errors = 0;
  const count = (o: Outcome) => {
    totalResponses += 1;
    if (o.status === 0) errors += 1;
    else if (o.status !== 200) non200 += 1;
  };
  try {
    // Open every connection before the window starts: the window measures requests, not connects.
    await Promise.all(
      Array.from({ length: cmd.connections }, (_, i) => new Promise<void>((resolve) => issue(optionsFor(i), (o) => (count(o), resolve())))),
    );

    const latencies: number[] = [];
    const cpu0 = process.cpuUsage();
    const elu0 = performance.eventLoopUtilization();
    const start = performance.now();
    const deadline = start + cmd.durationMs;
    send({ type: 'window', id: cmd.id, phase: 'start' });
    let endSent = false;
    const sendEnd = () => {
      if (endSent) return;
      endSent = true;
      send({ type: 'window', id: cmd.id, phase: 'end' });
    };
    const endMark = setTimeout(sendEnd, cmd.durationMs);
    let cpuUs = 0;
    let elu = 0;
    let windowEnded = false;
    const closeWindow = () => {
      if (windowEnded) return;
      windowEnded = true;
      const cpu = process.cpuUsage(cpu0);
      cpuUs = cpu.user + cpu.system;
      elu = performance.eventLoopUtilization(elu0).utilization;
    };

    await Promise.all(
      Array.from(
        { length: cmd.connections },
        (_, i) =>
          new Promise<void>((resolve) => {
            const options = optionsFor(i);
            const next = () =>
              issue(options, (o) => {
                count(o);
                if (o.ended <= deadline) {
                  if (o.status === 200) latencies.push(o.ended - o.started);
                  next();
                } else {
                  // In flight at the deadline: answered, but outside the window.
                  closeWindow();
                  resolve();
                }
              });
            next();
          }),
      ),
    );
    clearTimeout(endMark);
    sendEnd();
    closeWindow();
    return {
      id: cmd.id,
      connections: cmd.connections,
      windowMs: cmd.durationMs,
      requests: latencies.length,
      totalResponses,
      non200,
      errors,
      latencyMs: summarize(latencies),
      clientCpuUs: cpuUs,
      clientElu: elu,
    };
  } finally {
    agent.destroy();
  }
}

process.on('message', (message: ToLoad) => {
  if (message.type === 'exit') {
    process.disconnect();
    return;
  }
  run(message).then(
    (result) => send({ type: 'result', result }),
    (err: unknown) => send({ type: 'failed', id: message.id, message: err instanceof Error ? err.message : String(err) }),
  );
});
send({ type: 'ready' });
