// A TCP port on 127.0.0.1 that nothing listens on now: for the phone listener, which every worker shares (port 0 would
// give the cluster's workers no port to agree on and the caller no port to dial).
import net from 'node:net';

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
