/** SSELENS_HOME on disk: owner-only modes, atomic writes, clear errors, secrets kept apart. */
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
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
