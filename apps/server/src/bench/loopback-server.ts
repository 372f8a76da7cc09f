import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoopbackServer {
  url: string;
  close(): Promise<void>;
}

/** Listens on 127.0.0.1 on an ephemeral port, so that the bench never reaches beyond this machine. */
export async function listenOnLoopback(server: Server): Promise<LoopbackServer> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  let answering = 0;
  server.on('request', (_request, response) => {
    answering++;
    response.once('close', () => answering--);
  });
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      // Requests the load generator sent just before it stopped are let finish, so that none of them meets a
      // database that is already closed. A response whose client hung up closes before its handler is done, hence
      // the grace time after the last one.
      const pause = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));
      for (let waited = 0; answering > 0 && waited < 5000; waited += 10) await pause(10);
      await pause(250);
      // The load generator leaves keep-alive sockets open; without this, close() would wait for them to time out.
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
