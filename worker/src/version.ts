/**
 * The worker's version, as /openapi.json and the front door show it. Kept equal to package.json's by
 * test/repo/version.test.ts (the worker does not import package.json: the bench and e2e runs copy worker/ alone).
 */
export const WORKER_VERSION = "0.1.0";
