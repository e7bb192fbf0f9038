import { version } from "../../package.json";

/** The worker's version: the repository's, from package.json (the bundler keeps only this field). */
export const WORKER_VERSION: string = version;
