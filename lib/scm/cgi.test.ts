import { spawn } from "node:child_process";
import { once } from "node:events";
import { describe, expect, it } from "vitest";
import { outputStream } from "./cgi";

describe("outputStream", () => {
  it("drops what the program still writes after the client went away, and ends it", async () => {
    // 16 MB: far more than a pipe holds, so output is still arriving when the client leaves.
    const child = spawn("head", ["-c", String(16 * 1024 * 1024), "/dev/zero"]);
    const reader = outputStream(child).getReader();
    expect((await reader.read()).value?.length).toBeGreaterThan(0);
    let afterCancel = 0;
    await reader.cancel();
    child.stdout.on("data", () => (afterCancel += 1));
    const [code, signal] = await once(child, "close");
    // Chunks did come after the cancel (the case at stake), and none was enqueued into the
    // cancelled stream (that throws from the "data" listener: an uncaught error here).
    expect(afterCancel).toBeGreaterThan(0);
    expect(code === null ? signal : code).toBe("SIGTERM");
  });
});
