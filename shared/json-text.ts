/**
 * An upstream answer's body as JSON, or null when it is empty or not JSON (a gateway's HTML page: the status says
 * enough). For reading answers we did not write; a request body we must refuse goes through the worker's readJson.
 */
export function jsonOrNull(text: string): unknown {
  if (text === "") return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
