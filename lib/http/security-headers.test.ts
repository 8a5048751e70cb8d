import { describe, expect, it } from "vitest";
import { baseSecurityHeaders, contentSecurityPolicy, isPlainLoopback } from "./security-headers";

describe("contentSecurityPolicy", () => {
  it("lets only scripts carrying this response's nonce run, and no framing", () => {
    const policy = contentSecurityPolicy("abc123");
    expect(policy).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(policy).not.toContain("unsafe-eval");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("object-src 'none'");
    expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/);
  });

  it("allows eval only for the development build", () => {
    expect(contentSecurityPolicy("n", { dev: true })).toContain("'unsafe-eval'");
  });
});

describe("isPlainLoopback", () => {
  it("is true for plain http on the machine itself", () => {
    expect(isPlainLoopback("http://localhost:3000")).toBe(true);
    expect(isPlainLoopback("http://127.0.0.1:3100")).toBe(true);
    expect(isPlainLoopback("http://[::1]:3000")).toBe(true);
  });

  it("is false for https, other hosts, look-alikes and nonsense", () => {
    expect(isPlainLoopback("https://localhost:3000")).toBe(false);
    expect(isPlainLoopback("http://forge.example")).toBe(false);
    expect(isPlainLoopback("http://localhost.evil.example")).toBe(false);
    expect(isPlainLoopback("http://127.0.0.1.evil.example")).toBe(false);
    expect(isPlainLoopback("not a url")).toBe(false);
  });
});

describe("baseSecurityHeaders", () => {
  it("sends HSTS only over https", () => {
    expect(baseSecurityHeaders("https://forge.example")["Strict-Transport-Security"]).toMatch(
      /max-age=\d+/,
    );
    expect(baseSecurityHeaders("http://localhost:3000")["Strict-Transport-Security"]).toBe(
      undefined,
    );
  });
});
