/** SSELENS_HOME on disk: owner-only modes, atomic writes, clear errors, secrets kept apart. */
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SECRET_MASK } from "../../src/server/protocol.js";
import { serveStatic } from "../../src/server/static.js";
import { defaultHome, writeJsonFile } from "../../src/server/store/files.js";
import { openStore } from "../../src/server/store/store.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "sselens-store-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("the home directory", () => {
  it("defaults to SSELENS_HOME, else ~/.sselens", () => {
    expect(defaultHome({ SSELENS_HOME: "/x/y" })).toBe("/x/y");
    expect(defaultHome({})).toMatch(/[\\/]\.sselens$/);
  });

  it("an existing home with loose permissions is tightened to 0700", async () => {
    const home = join(dir, "home");
    await mkdir(home, { mode: 0o755 });
    await chmod(home, 0o755);
    await openStore(home, {});
    expect((await stat(home)).mode & 0o777).toBe(0o700);
  });

  it("writes are atomic and owner-only: no temp file is left, an old file is replaced whole", async () => {
    const file = join(dir, "x.json");
    await writeFile(file, "old", { mode: 0o644 });
    await writeJsonFile(file, { a: 1 });
    expect(JSON.parse(await readFile(file, "utf8"))).toEqual({ a: 1 });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readdir(dir)).toEqual(["x.json"]);
  });

  it("a corrupt file is an error that names it, not an empty collection", async () => {
    const home = join(dir, "home");
    const store = await openStore(home, {});
    await writeFile(join(home, "collections.json"), "{oops");
    await expect(store.getCollections()).rejects.toThrow(/collections\.json is not valid JSON/);
  });

  it("concurrent saves do not interleave: the last one wins whole", async () => {
    const store = await openStore(join(dir, "home"), {});
    const docs = Array.from({ length: 8 }, (_, i) => ({
      collections: [{ id: `c${i}`, name: `n${i}`, requests: [] }],
    }));
    await Promise.all(docs.map((d) => store.putCollections(d)));
    expect(await store.getCollections()).toEqual(docs.at(-1));
  });
});

describe("secrets", () => {
  it("a secret variable removed from the environment is removed from the secrets file", async () => {
    const home = join(dir, "home");
    const store = await openStore(home, {});
    await store.putEnvironments({
      active: "a",
      environments: [{ name: "a", variables: [{ name: "k", value: "gone-secret-1234", secret: true }] }],
    });
    expect(await readFile(join(home, "secrets.json"), "utf8")).toContain("gone-secret-1234");
    await store.putEnvironments({ active: "a", environments: [{ name: "a", variables: [] }] });
    expect(await readFile(join(home, "secrets.json"), "utf8")).not.toContain("gone-secret-1234");
  });

  it("a pasted key dropped from its saved request leaves the secrets file too", async () => {
    const home = join(dir, "home");
    const store = await openStore(home, {});
    const request = {
      method: "GET",
      url: "http://h/",
      headers: [["x-api-key", "pasted-key-9876"]] as [string, string][],
      body: null,
    };
    await store.putCollections({
      collections: [{ id: "c", name: "c", requests: [{ id: "r", name: "r", request }] }],
    });
    expect(await readFile(join(home, "secrets.json"), "utf8")).toContain("pasted-key-9876");
    await store.putCollections({ collections: [] });
    expect(await readFile(join(home, "secrets.json"), "utf8")).not.toContain("pasted-key-9876");
  });

  it("a renamed environment or secret variable keeps its stored value (renamedFrom)", async () => {
    const home = join(dir, "home");
    const store = await openStore(home, {});
    await store.putEnvironments({
      active: "dev",
      environments: [{ name: "dev", variables: [{ name: "key", value: "kept-secret-4242", secret: true }] }],
    });
    const loaded = await store.getEnvironments();
    expect(loaded.environments[0]?.variables[0]?.value).toBe(SECRET_MASK);
    await store.putEnvironments({
      active: "staging",
      environments: [
        {
          name: "staging",
          renamedFrom: "dev",
          variables: [{ name: "api_key", renamedFrom: "key", value: SECRET_MASK, secret: true }],
        },
      ],
    });
    expect((await store.lookup())("api_key")).toEqual({ value: "kept-secret-4242", secret: true });
    expect(await readFile(join(home, "environments.json"), "utf8")).not.toContain("kept-secret-4242");
    // The next save, with the names as stored now, keeps it too.
    await store.putEnvironments(await store.getEnvironments());
    expect((await store.lookup("staging"))("api_key")).toEqual({ value: "kept-secret-4242", secret: true });
  });

  it("refuses a mask it cannot resolve, and a mask on a variable no longer secret, instead of losing the value", async () => {
    const home = join(dir, "home");
    const store = await openStore(home, {});
    await store.putEnvironments({
      active: "dev",
      environments: [{ name: "dev", variables: [{ name: "key", value: "never-lost-777", secret: true }] }],
    });
    const renamedWithoutFrom = {
      active: "dev",
      environments: [{ name: "dev", variables: [{ name: "key2", value: SECRET_MASK, secret: true }] }],
    };
    await expect(store.putEnvironments(renamedWithoutFrom)).rejects.toThrow(
      /environment "dev", variable "key2": no stored secret to keep/,
    );
    const unmarked = {
      active: "dev",
      environments: [{ name: "dev", variables: [{ name: "key", value: SECRET_MASK, secret: false }] }],
    };
    await expect(store.putEnvironments(unmarked)).rejects.toThrow(/type its value again/);
    // Nothing was written: the secret is still there.
    expect((await store.lookup())("key")).toEqual({ value: "never-lost-777", secret: true });
    expect(await readFile(join(home, "environments.json"), "utf8")).not.toContain(SECRET_MASK);
  });

  it("lookup: the environment first, then moved keys, then credential-like process variables", async () => {
    const store = await openStore(join(dir, "home"), { OPENAI_API_KEY: "from-process", HOME: "/root" });
    await store.putEnvironments({
      active: "a",
      environments: [{ name: "a", variables: [{ name: "OPENAI_API_KEY", value: "from-env", secret: true }] }],
    });
    expect((await store.lookup())("OPENAI_API_KEY")).toEqual({ value: "from-env", secret: true });
    expect((await store.lookup("other"))("OPENAI_API_KEY")).toEqual({ value: "from-process", secret: true });
    expect((await store.lookup())("HOME")).toBeUndefined();
  });
});

describe("static files", () => {
  it("serves files under the root, falls back to index.html for page routes, never escapes the root", async () => {
    const root = join(dir, "web");
    await mkdir(join(root, "assets"), { recursive: true });
    await writeFile(join(root, "index.html"), "INDEX");
    await writeFile(join(root, "assets", "a.js"), "JS");
    await writeFile(join(dir, "outside.txt"), "SECRET");
    expect(await (await serveStatic(root, "/assets/a.js"))?.text()).toBe("JS");
    expect(await (await serveStatic(root, "/some/page"))?.text()).toBe("INDEX");
    expect(await serveStatic(root, "/assets/missing.js")).toBeNull();
    for (const path of [
      "/../outside.txt",
      "/assets/../../outside.txt",
      "/%2e%2e/outside.txt",
      "/..%2foutside.txt",
    ]) {
      const res = await serveStatic(root, path);
      expect(res === null ? "" : await res.text()).not.toBe("SECRET");
    }
  });
});
