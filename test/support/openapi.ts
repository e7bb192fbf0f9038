/** The operation with this `operationId` in a parsed OpenAPI document, with its path and upper-case method. */
export function findOperation(doc: any, operationId: string): { path: string; method: string; op: any } {
  for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, { operationId?: string }>>)) {
    for (const [method, op] of Object.entries(item)) {
      if (op?.operationId === operationId) return { path, method: method.toUpperCase(), op };
    }
  }
  throw new Error(`operationId ${operationId} is not in the spec`);
}
