/**
 * Webhook sinks: named receivers at `<url>/__fake/sinks/<name>` that record every request they get (raw body and
 * headers) and answer a configurable status. A test running in workerd cannot listen for HTTP itself, so it points
 * the webhook sender at a sink to observe a real delivery, or at a failing sink to see a non-2xx outcome.
 */

export interface SinkRequest {
  atMs: number;
  method: string;
  headers: Record<string, string>;
  /** The raw body, exactly as received. */
  body: string;
}

export interface Sink {
  status: number;
  body: unknown;
  requests: SinkRequest[];
}

export class SinkStore {
  private sinks = new Map<string, Sink>();

  get(name: string): Sink {
    let sink = this.sinks.get(name);
    if (!sink) {
      sink = { status: 200, body: {}, requests: [] };
      this.sinks.set(name, sink);
    }
    return sink;
  }

  configure(name: string, status: number, body: unknown): Sink {
    const sink = this.get(name);
    sink.status = status;
    sink.body = body;
    return sink;
  }

  delete(name: string): void {
    this.sinks.delete(name);
  }
}
