// The built-in sandbox: one simulator per provider, started together, each becoming that
// provider's "Sandbox (built-in)" environment. The dev-only control API is in controls-http.ts.
import { startSimulator } from './server';
import {
  isSimulatedProviderId,
  type Sandbox,
  SIMULATED_PROVIDER_IDS,
  type SimulatedProviderId,
  type Simulator,
  type StartSandboxOptions,
} from './types';

export async function startSandbox(options: StartSandboxOptions = {}): Promise<Sandbox> {
  const started = await Promise.allSettled(SIMULATED_PROVIDER_IDS.map((id) => startSimulator(id, { port: options.ports?.[id] ?? 0 })));
  const running = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failure = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failure) {
    // Half a sandbox is no sandbox: release the ports that did open.
    await Promise.all(running.map((s) => s.close()));
    throw failure.reason;
  }
  const simulators = Object.fromEntries(running.map((s) => [s.providerId, s])) as Record<SimulatedProviderId, Simulator>;
  return {
    simulators,
    baseUrlFor: (providerId) => (isSimulatedProviderId(providerId) ? simulators[providerId].baseUrl : undefined),
    close: async () => {
      await Promise.all(running.map((s) => s.close()));
    },
  };
}

export { PROTECTED_ROUTE, startSimulator } from './server';
export * from './types';
