// The worker API, as the browser calls it: same-origin cookies, the CSRF header on every
// request that changes something, `{code, message}` errors. A 401 means the session is gone
// (expired, signed out elsewhere): the session store is told, which wipes the key.

export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly retryAfter: number | null = null,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

let onUnauthenticated: () => void = () => {};

/** Called when a signed-in request answers 401. */
export function whenUnauthenticated(handler: () => void): void {
  onUnauthenticated = handler;
}

export async function api<T>(method: "GET" | "POST" | "PUT", path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (method !== "GET") headers["x-houvast-request"] = "1";
  if (body !== undefined) headers["content-type"] = "application/json";
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "same-origin",
      cache: "no-store",
    });
  } catch {
    throw new ApiError("network", "no connection", 0);
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    throw new ApiError("malformed_answer", `the server answered ${response.status} without JSON`, response.status);
  }
  if (!response.ok) {
    const err = (json ?? {}) as { code?: string; message?: string };
    const retry = Number(response.headers.get("retry-after"));
    const error = new ApiError(
      err.code ?? "unknown",
      err.message ?? `HTTP ${response.status}`,
      response.status,
      Number.isFinite(retry) && retry > 0 ? retry : null,
    );
    if (response.status === 401 && !path.startsWith("/api/v1/worker/sign-in")) onUnauthenticated();
    throw error;
  }
  return json as T;
}
