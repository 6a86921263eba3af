import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createSession, resolveSession, rotateSession, SESSION_ROTATION_GRACE_MS } from "../src/auth/sessions.ts";
import { MAX_FAILURES_PER_EMAIL } from "../src/auth/sign-in-throttle.ts";
import { createDatabase } from "../src/context.ts";
import { sessions, users } from "../src/db/schema.ts";
import { sha256Hex } from "../src/util/sha256-hex.ts";
import { browserClient, trpcFailure, uniqueEmail } from "./support/browser-client.ts";

const db = createDatabase(env.DB);
const PASSWORD = "correct horse battery";

async function signedUpBrowser(email = uniqueEmail()) {
  const browser = browserClient();
  await browser.trpc.auth.signUp.mutate({ email, password: PASSWORD, displayName: "Ada" });
  return { browser, email };
}

describe("sign-up and the session cookie", () => {
  it("creates the account, signs in with an HttpOnly SameSite=Lax cookie and stores only the token's hash", async () => {
    const email = uniqueEmail();
    const browser = browserClient();
    const user = await browser.trpc.auth.signUp.mutate({
      email: ` ${email.toUpperCase()} `,
      password: PASSWORD,
      displayName: "Ada",
    });
    expect(user).toEqual({ id: expect.any(String), email, displayName: "Ada" });
    const [cookie] = browser.lastSetCookies();
    expect(cookie).toMatch(/^gts_session=[\w-]{40,}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=2592000$/);
    expect(await browser.trpc.auth.me.query()).toEqual(user);
    const token = browser.sessionToken() ?? "";
    const stored = await db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect(stored.map((s) => s.idHash)).toEqual([await sha256Hex(token)]);
    const row = await db.query.users.findFirst({ where: eq(users.id, user.id) });
    expect(row?.passwordHash).not.toContain(PASSWORD);
  });

  it("marks the cookie Secure outside plain-http localhost", async () => {
    const browser = browserClient({ siteOrigin: "https://shootout.example" });
    await browser.trpc.auth.signUp.mutate({ email: uniqueEmail(), password: PASSWORD, displayName: "Ada" });
    expect(browser.lastSetCookies()[0]).toMatch(/; Secure$/);
  });

  it("refuses a second account with the same email, naming it", async () => {
    const { email } = await signedUpBrowser();
    const failure = await trpcFailure(
      browserClient().trpc.auth.signUp.mutate({ email, password: PASSWORD, displayName: "Eve" }),
    );
    expect(failure).toEqual({ code: "CONFLICT", message: `an account with email ${email} exists` });
  });

  it("names the field and the limit of a bad sign-up", async () => {
    const short = await trpcFailure(
      browserClient().trpc.auth.signUp.mutate({ email: uniqueEmail(), password: "short", displayName: "Ada" }),
    );
    expect(short.code).toBe("BAD_REQUEST");
    expect(short.message).toContain("password must be at least 10 characters");
    const badEmail = await trpcFailure(
      browserClient().trpc.auth.signUp.mutate({ email: "not-an-email", password: PASSWORD, displayName: "Ada" }),
    );
    expect(badEmail.message).toContain("email must be an email address");
  });
});

describe("sign-in, sign-out and throttling", () => {
  it("signs in with the right password and gives the same answer for a wrong password or an unknown email", async () => {
    const { email } = await signedUpBrowser();
    const browser = browserClient();
    expect(await browser.trpc.auth.signIn.mutate({ email, password: PASSWORD })).toMatchObject({ email });
    expect(await browser.trpc.auth.me.query()).toMatchObject({ email });
    const wrong = await trpcFailure(browserClient().trpc.auth.signIn.mutate({ email, password: "wrong password" }));
    const unknown = await trpcFailure(
      browserClient().trpc.auth.signIn.mutate({ email: uniqueEmail(), password: PASSWORD }),
    );
    expect(wrong).toEqual({ code: "UNAUTHORIZED", message: "email or password is wrong" });
    expect(unknown).toEqual(wrong);
  });

  it(`blocks an account after ${MAX_FAILURES_PER_EMAIL} failed sign-ins, even with the right password`, async () => {
    const { email } = await signedUpBrowser();
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL; i++) {
      await trpcFailure(browserClient().trpc.auth.signIn.mutate({ email, password: `wrong ${i}` }));
    }
    const blocked = await trpcFailure(browserClient().trpc.auth.signIn.mutate({ email, password: PASSWORD }));
    expect(blocked).toEqual({
      code: "TOO_MANY_REQUESTS",
      message: "too many failed sign-ins: try again in 15 minutes",
    });
  });

  it("signs out: the cookie is cleared and the old token no longer works", async () => {
    const { browser } = await signedUpBrowser();
    const token = browser.sessionToken();
    await browser.trpc.auth.signOut.mutate();
    expect(browser.lastSetCookies()[0]).toMatch(/^gts_session=; Path=\/; HttpOnly; SameSite=Lax; Max-Age=0/);
    expect(await browserClient({ sessionToken: token }).trpc.auth.me.query()).toBeNull();
    const again = await trpcFailure(browserClient({ sessionToken: token }).trpc.auth.signOut.mutate());
    expect(again.code).toBe("UNAUTHORIZED");
  });
});

describe("cross-site request forgery", () => {
  it("refuses a cookie-authenticated mutation from another origin and changes nothing", async () => {
    const { browser } = await signedUpBrowser();
    const forged = browserClient({ sessionToken: browser.sessionToken(), originHeader: "https://evil.example" });
    const failure = await trpcFailure(forged.trpc.auth.signOut.mutate());
    expect(failure).toEqual({
      code: "FORBIDDEN",
      message: "cross-site request refused: Origin https://evil.example is not http://localhost:5173",
    });
    expect(await browser.trpc.auth.me.query()).not.toBeNull();
  });

  it("refuses a cookie-authenticated mutation that carries no Origin", async () => {
    const { browser } = await signedUpBrowser();
    const noOrigin = browserClient({ sessionToken: browser.sessionToken(), originHeader: null });
    expect((await trpcFailure(noOrigin.trpc.auth.signOut.mutate())).code).toBe("FORBIDDEN");
    expect(await browser.trpc.auth.me.query()).not.toBeNull();
  });
});

describe("session expiry and rotation", () => {
  it("rotates a day-old session, keeps the old token for the grace period, and expires sessions after 30 days", async () => {
    const { browser } = await signedUpBrowser();
    const user = await browser.trpc.auth.me.query();
    const t0 = new Date("2030-01-01T00:00:00Z");
    const token = await createSession(db, user?.id ?? "", { now: t0 });
    const hours = (h: number) => new Date(t0.getTime() + h * 3_600_000);

    expect((await resolveSession(db, token, hours(1)))?.shouldRotate).toBe(false);
    const dayOld = await resolveSession(db, token, hours(25));
    expect(dayOld?.shouldRotate).toBe(true);
    const rotated = await rotateSession(db, dayOld ?? never(), { now: hours(25) });
    const justAfter = new Date(hours(25).getTime() + SESSION_ROTATION_GRACE_MS - 1000);
    const wellAfter = new Date(hours(25).getTime() + SESSION_ROTATION_GRACE_MS + 1000);
    expect(await resolveSession(db, token, justAfter)).not.toBeNull();
    expect(await resolveSession(db, token, wellAfter)).toBeNull();
    expect(await resolveSession(db, rotated, wellAfter)).toMatchObject({ shouldRotate: false });
    expect(await resolveSession(db, rotated, hours(25 + 30 * 24 + 1))).toBeNull();
  });
});

function never(): never {
  throw new Error("unreachable");
}
