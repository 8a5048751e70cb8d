/**
 * A small closed-loop HTTP load generator: `connections` keep-alive connections, each sending
 * its next GET as soon as the previous answer's body has arrived, for a fixed time. Bodies are
 * read and dropped, not parsed, so the generator costs little CPU beside the server it loads.
 */
import http from "node:http";

export interface LoadSample {
  /** Wall time of each request, first byte sent to last byte read, in ms. */
  latencies: number[];
  /** How long the run lasted, in seconds (the last requests end after the deadline). */
  seconds: number;
}

function get(agent: http.Agent, url: string, headers: http.OutgoingHttpHeaders): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const request = http.get(url, { agent, headers }, (response) => {
      response.resume();
      response.once("error", reject);
      response.once("end", () => {
        if (response.statusCode === 200) resolve(performance.now() - start);
        else reject(new Error(`GET ${url} answered ${response.statusCode}`));
      });
    });
    request.once("error", reject);
  });
}

/**
 * GETs `url` (with `headers`) over `connections` connections for `seconds`; any answer but 200
 * fails the run.
 */
export async function loadUrl(
  url: string,
  connections: number,
  seconds: number,
  headers: http.OutgoingHttpHeaders = {},
): Promise<LoadSample> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const latencies: number[] = [];
  const start = performance.now();
  const deadline = start + seconds * 1000;
  try {
    const connection = async () => {
      while (performance.now() < deadline) latencies.push(await get(agent, url, headers));
    };
    await Promise.all(Array.from({ length: connections }, connection));
  } finally {
    agent.destroy();
  }
  return { latencies, seconds: (performance.now() - start) / 1000 };
}
