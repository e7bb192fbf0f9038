import { readFile, rename, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";

/** bench/results.json: one top-level key per benchmark; each bench replaces only its own key. */
export const RESULTS_PATH = fileURLToPath(new URL("./results.json", import.meta.url));

async function readResults(): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(RESULTS_PATH, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw error;
  }
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new Error(`${RESULTS_PATH} does not hold a JSON object; refusing to overwrite it`);
  }
  return parsed as Record<string, unknown>;
}

/** Read, merge and write atomically (temp file + rename), keeping every other bench's section. */
export async function writeResultSection(key: string, value: unknown): Promise<void> {
  const results = await readResults();
  results[key] = value;
  const temp = `${RESULTS_PATH}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(results, null, 2)}\n`);
  await rename(temp, RESULTS_PATH);
}
