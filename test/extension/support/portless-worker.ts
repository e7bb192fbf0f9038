/**
 * The worker of the local stack behind `http://127.0.0.1` (port 80), for Firefox. Firefox refuses a host permission
 * for an origin with a port: the extension declares `http://127.0.0.1/*`, and `permissions.contains` /
 * `permissions.request` for `http://127.0.0.1:<port>/*` answer false / "was not declared in the manifest", so the
 * options page cannot save a worker URL with a port (a real worker, `https://companion.example.com`, has none).
 * The stack's worker keeps its own port (its SAML URLs are built from it), and this forwards every request to it
 * unchanged, with the `Host` the worker expects, so the extension talks to a port-less origin as in production.
 *
 * Port 80 needs root (CI runs as root) or `net.ipv4.ip_unprivileged_port_start` at 80 or lower.
 */
import { createServer, request as forward, type Server } from "node:http";

export interface PortlessWorker {
  /** `http://127.0.0.1`: the worker URL to save in the options. */
  origin: string;
  close(): Promise<void>;
}

export async function startPortlessWorker(workerUrl: string): Promise<PortlessWorker> {
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
      outgoing.end(`portless worker: the worker did not answer (${error.message})`);
    });
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        new Error(
          error.code === "EACCES"
            ? "binding 127.0.0.1:80 needs root (or sysctl net.ipv4.ip_unprivileged_port_start=80): the Firefox tests need a worker URL without a port"
            : error.code === "EADDRINUSE"
              ? "127.0.0.1:80 is in use: the Firefox tests put the worker behind it (is another Firefox run, or a web server, using it?)"
              : error.message,
        ),
      ),
    );
    server.listen(80, "127.0.0.1", () => resolveListen());
  });
  return {
    origin: "http://127.0.0.1",
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
