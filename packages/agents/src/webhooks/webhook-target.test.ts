import type { LookupAddress } from "node:dns";
import { describe, expect, it } from "vitest";
import {
  assertLiteralHostAllowed,
  isPublicAddress,
  publicOnlyLookup,
  WebhookTargetRefusedError,
} from "./webhook-target";
import { WebhookUrlSchema } from "./webhook-url";

describe("webhook URLs", () => {
  it.each(["https://hooks.example.com/switchyard", "http://example.com:8080/x?y=1"])("accepts %s", (url) => {
    expect(WebhookUrlSchema.safeParse(url).success).toBe(true);
  });

  it.each(["ftp://example.com/x", "javascript:alert(1)", "example.com/hook", "https://user:pw@example.com/", ""])(
    "refuses %j",
    (url) => {
      expect(WebhookUrlSchema.safeParse(url).success).toBe(false);
    },
  );
});

describe("public addresses", () => {
  it.each([
    ["93.184.215.14", true],
    ["2606:4700:4700::1111", true],
    ["127.0.0.1", false],
    ["10.1.2.3", false],
    ["172.16.0.1", false],
    ["192.168.1.1", false],
    ["169.254.169.254", false],
    ["100.64.0.1", false],
    ["0.0.0.0", false],
    ["::1", false],
    ["fe80::1", false],
    ["fd00::1", false],
    ["::ffff:127.0.0.1", false],
    ["::ffff:10.0.0.1", false],
    ["not-an-ip", false],
  ])("%s is public: %s", (address, isPublic) => {
    expect(isPublicAddress(address)).toBe(isPublic);
  });

  it("refuses an IP literal URL that is not public, before any connection", () => {
    expect(() => assertLiteralHostAllowed(new URL("http://127.0.0.1:9/x"))).toThrow(WebhookTargetRefusedError);
    expect(() => assertLiteralHostAllowed(new URL("http://[::1]/x"))).toThrow(WebhookTargetRefusedError);
    expect(() => assertLiteralHostAllowed(new URL("http://93.184.215.14/x"))).not.toThrow();
  });
});

describe("publicOnlyLookup", () => {
  const resolving =
    (addresses: LookupAddress[]) =>
    (_host: string, _options: object, callback: (error: null, addresses: LookupAddress[]) => void) =>
      callback(null, addresses);

  const lookupWith = (addresses: LookupAddress[], all = false) =>
    new Promise<unknown>((resolve, reject) =>
      publicOnlyLookup(resolving(addresses))("hooks.example.com", { all }, (error, address) =>
        error ? reject(error) : resolve(address),
      ),
    );

  it("passes a host whose every address is public", async () => {
    await expect(lookupWith([{ address: "93.184.215.14", family: 4 }])).resolves.toBe("93.184.215.14");
  });

  it("refuses a host when any of its addresses is private (every address is checked)", async () => {
    const mixed = [
      { address: "93.184.215.14", family: 4 },
      { address: "10.0.0.7", family: 4 },
    ];
    await expect(lookupWith(mixed)).rejects.toThrow(/10\.0\.0\.7/);
    await expect(lookupWith(mixed, true)).rejects.toThrow(WebhookTargetRefusedError);
  });
});
