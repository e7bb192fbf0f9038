/**
 * The worker of the local stack behind a loopback port of its own, for Firefox. The extension saves this relay's
 * origin, `http://127.0.0.1:<port>`, like a developer saves `npm run dev`'s worker: a URL with a port, which
 * Firefox's host permissions only accept without the port (extension/lib/origin-permission.ts). The relay exists so
 * that a test can take the worker away and bring it back on the same origin (the "worker unreachable" state) while
 * the stack's worker, whose SAML URLs are built from its own port, keeps running. Every request is forwarded
 * unchanged, with the `Host` the worker expects.
 */
import { createServer, request as forward, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface WorkerRelay {
  /** `http://127.0.0.1:<port>`: the worker URL to save in the options. */
  origin: string;
  port: number;
  close(): Promise<void>;
}

/** Relays to `workerUrl` from `port` (0: any free port; pass the earlier relay's port to reopen on its origin). */
export async function startWorkerRelay(workerUrl: string, port = 0): Promise<WorkerRelay> {
  const target = new URL(workerUrl);
  const server: Server = createServer((incoming, outgoing) => {
    const upstream = forward(
      {
        host: target.hostname,
        port: target.port,
        method: incoming.method,
        path: incoming.url,
        headers: { ...incoming.headers, host: target.host },
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    upstream.once("error", (error) => {
      if (!outgoing.headersSent) outgoing.writeHead(502, { "content-type": "text/plain" });
      outgoing.end(`worker relay: the worker did not answer (${error.message})`);
    });
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolveListen());
  });
  const bound = (server.address() as AddressInfo).port;
  return {
    origin: `http://127.0.0.1:${bound}`,
    port: bound,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
