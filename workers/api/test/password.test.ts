import { describe, expect, it } from "vitest";
import { hashPassword, PBKDF2_ITERATIONS, verifyPassword } from "../src/auth/password.ts";

// Runs in workerd: the same WebCrypto PBKDF2 the api uses (production caps iterations at 100,000).
describe("password hashing", () => {
  it("verifies the right password at the Workers maximum iteration count", async () => {
    const stored = await hashPassword("correct horse battery staple");
    expect(stored.iterations).toBe(PBKDF2_ITERATIONS);
    expect(await verifyPassword("correct horse battery staple", stored)).toBe(true);
  });

  it("rejects a wrong password and salts every hash differently", async () => {
    const a = await hashPassword("same password");
    const b = await hashPassword("same password");
    expect(a.salt).not.toBe(b.salt);
    expect(a.hash).not.toBe(b.hash);
    expect(await verifyPassword("same passworD", a)).toBe(false);
  });
});
