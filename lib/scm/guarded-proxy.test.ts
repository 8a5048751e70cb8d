import { createServer, type Server } from "node:http";
import net, { type AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startGuardedProxy } from "./guarded-proxy";
import { RefusedSourceError } from "./url-policy";

/** The https side of the proxy: a CONNECT is checked by origin before any byte is relayed. */
describe("guarded proxy tunnels", () => {
  let target: Server;
  let port: number;
  const hits: string[] = [];

  beforeAll(async () => {
    target = createServer((request, response) => {
      hits.push(request.url ?? "");
      response.end("tunnelled");
    });
    await new Promise<void>((resolve) => target.listen(0, "127.0.0.1", resolve));
    port = (target.address() as AddressInfo).port;
  });
  afterAll(() => {
    target.closeAllConnections();
    target.close();
  });

  /** CONNECT through the proxy, then one plain request inside the tunnel; all bytes read. */
  async function tunnel(allow: string[]): Promise<string> {
    const proxy = await startGuardedProxy("https://source", { allow, resolve: async () => [] });
    const [host, proxyPort] = proxy.hostPort.split(":");
    const socket = net.connect(Number(proxyPort), host);
    let answer = "";
    socket.on("data", (chunk: Buffer) => {
      answer += chunk;
      if (
        answer.startsWith("HTTP/1.1 200 Connection Established\r\n\r\n") &&
        !answer.includes("GET")
      ) {
        socket.write("GET /inside HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        answer += "GET";
      }
    });
    socket.write(`CONNECT 127.0.0.1:${port} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`);
    await new Promise((resolve) => socket.once("close", resolve));
    const stopped = proxy.stoppedBy();
    await proxy.close();
    return stopped instanceof RefusedSourceError ? `refused: ${answer}` : answer;
  }

  it("relays to an allowed origin", async () => {
    expect(await tunnel([`https://127.0.0.1:${port}/`])).toContain("tunnelled");
    expect(hits).toEqual(["/inside"]);
  });

  it("refuses a loopback origin the policy does not allow, relaying nothing", async () => {
    const answer = await tunnel([`https://127.0.0.1:${port}/only-this-path/`]);
    expect(answer).toMatch(/^refused: HTTP\/1\.1 403 Forbidden/);
    expect(answer).toContain("loopback address");
    expect(hits).toEqual(["/inside"]);
  });
});
