// The AudioSocket TCP listener: one PhoneCall per connection, at most LIMIT_PHONE_CALLS at once.
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { KIND_HANGUP, encodeFrame } from './audiosocket.ts';
import { PhoneCall, type CallDeps } from './call.ts';

export interface PhoneServerOptions extends CallDeps {
  host: string;
  port: number;
  /** Calls served at once; a further one is ended at once so the dialplan sends it to a person. */
  maxCalls: number;
}

export interface PhoneServer {
  readonly port: number;
  calls(): number;
  /** Stops listening and ends every call (the dialplan goes on with each). */
  close(): Promise<void>;
}

/** Listens for Asterisk's AudioSocket connections on `host:port` (port 0: any free port). */
export function listenPhone(options: PhoneServerOptions): Promise<PhoneServer> {
  const calls = new Set<PhoneCall>();
  const log = options.log;
  const server = net.createServer((socket) => {
    socket.setNoDelay(true);
    if (calls.size >= options.maxCalls) {
      log?.warn('phone.too_many_calls', { limit: options.maxCalls });
      socket.on('error', () => socket.destroy());
      // Read and drop what the switch sends, or the socket never sees its end and never closes.
      socket.resume();
      socket.end(encodeFrame(KIND_HANGUP));
      return;
    }
    const call = new PhoneCall(socket, options);
    calls.add(call);
    log?.info('phone.call_start', { calls: calls.size });
    void call.ended.then(() => calls.delete(call));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      const { port } = server.address() as AddressInfo;
      log?.info('phone.listening', { host: options.host, port });
      resolve({
        port,
        calls: () => calls.size,
        async close() {
          const closed = new Promise<void>((done) => server.close(() => done()));
          for (const call of calls) call.close();
          await closed;
        },
      });
    });
  });
}
