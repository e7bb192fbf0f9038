/**
 * A client for a fake's `/__fake` control API (fake Okta, fake Persona): JSON in, JSON out, and a thrown error
 * naming the route and the fake's answer on anything but 2xx, so a broken fixture fails loudly where it is set up.
 */
export function controlClient(controlUrl: string) {
  return async (method: string, path: string, body?: unknown): Promise<any> => {
    const response = await fetch(`${controlUrl}${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`control ${method} ${path}: ${response.status} ${await response.text()}`);
    return response.status === 204 ? undefined : response.json();
  };
}
