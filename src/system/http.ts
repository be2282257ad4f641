/**
 * HTTP for fetching inputs: a JSON request and a download to a file. Headers (which may carry an
 * access token) never appear in an error message.
 */
import { writeFileSync } from "node:fs";

/** A failed request: `status` is the HTTP status, or undefined when no response came. */
export class HttpError extends Error {
  readonly status: number | undefined;
  constructor(message: string, status: number | undefined) {
    super(message);
    this.status = status;
  }
}

async function get(url: string, headers: Record<string, string>): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(url, { headers: { "user-agent": "confed", ...headers }, redirect: "follow" });
  } catch (e) {
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    throw new HttpError(
      `cannot reach ${url}: ${cause?.code ?? cause?.message ?? (e as Error).message}`,
      undefined,
    );
  }
  if (!res.ok) {
    await res.body?.cancel();
    throw new HttpError(`${url}: HTTP ${res.status} ${res.statusText}`, res.status);
  }
  return res;
}

/**
 * Fetches `url` and parses its body as JSON.
 *
 * @example
 * const c = await getJson("https://api.github.com/repos/a/b/commits/main", {});
 */
export async function getJson(url: string, headers: Record<string, string> = {}): Promise<unknown> {
  const res = await get(url, { accept: "application/json", ...headers });
  try {
    return await res.json();
  } catch (e) {
    throw new HttpError(`${url}: the response is not JSON (${(e as Error).message})`, res.status);
  }
}

/**
 * Downloads `url` into the file `dest`.
 *
 * @example
 * await download("https://example.org/x.tar.gz", {}, "/tmp/x.tar.gz");
 */
export async function download(
  url: string,
  headers: Record<string, string>,
  dest: string,
): Promise<void> {
  const res = await get(url, headers);
  writeFileSync(dest, Buffer.from(await res.arrayBuffer()));
}
