/**
 * What `sselens ui` keeps in SSELENS_HOME: collections.json (saved requests
 * with their rules), environments.json (variables; secret ones without their
 * value) and secrets.json (the secret values). All owner-only, written
 * atomically, one write at a time.
 */
import { join } from "node:path";
import { badRequest } from "../errors.js";
import {
  type CollectionsDoc,
  type Environment,
  type EnvironmentsDoc,
  type SavedRequest,
  SECRET_MASK,
} from "../protocol.js";
import type { Lookup } from "../variables.js";
import { ensureHome, readJsonFile, writeJsonFile } from "./files.js";
import { emptySecrets, extractSecrets, type SecretsFile } from "./secrets.js";

interface StoredVariable {
  name: string;
  secret: boolean;
  /** Absent for secrets: their values live in secrets.json. */
  value?: string;
}
interface StoredEnvironments {
  version: 1;
  active: string | null;
  environments: { name: string; variables: StoredVariable[] }[];
}
interface StoredCollections extends CollectionsDoc {
  version: 1;
}

export interface Store {
  readonly home: string;
  getCollections(): Promise<CollectionsDoc>;
  /** Replaces the collections; literal credentials are moved to the secrets file. */
  putCollections(doc: CollectionsDoc): Promise<CollectionsDoc>;
  /** Environments with secret values masked. */
  getEnvironments(): Promise<EnvironmentsDoc>;
  /** Replaces the environments; a secret sent as `SECRET_MASK` keeps its stored value. */
  putEnvironments(doc: EnvironmentsDoc): Promise<EnvironmentsDoc>;
  findSaved(id: string): Promise<SavedRequest | undefined>;
  /** Variable lookup for a run: the environment, then moved credentials, then credential-like process variables. */
  lookup(environment?: string): Promise<Lookup>;
}

/**
 * Process environment variables a `{{NAME}}` may reach when no environment
 * defines it: credential-looking names only, so a shared collection cannot
 * read arbitrary process state (`{{PATH}}`, `{{HOME}}`). They count as secrets.
 */
const CREDENTIAL_ENV = /^[A-Z][A-Z0-9_]*_(API_KEY|KEY|TOKEN)$/;

export async function openStore(home: string, processEnv: NodeJS.ProcessEnv = process.env): Promise<Store> {
  await ensureHome(home);
  const files = {
    collections: join(home, "collections.json"),
    environments: join(home, "environments.json"),
    secrets: join(home, "secrets.json"),
  };
  const readCollections = () =>
    readJsonFile<StoredCollections>(files.collections, { version: 1, collections: [] });
  const readEnvironments = () =>
    readJsonFile<StoredEnvironments>(files.environments, { version: 1, active: null, environments: [] });
  const readSecrets = async (): Promise<SecretsFile> => ({
    ...emptySecrets(),
    ...(await readJsonFile<Partial<SecretsFile>>(files.secrets, {})),
  });

  // One write at a time: two quick PUTs must not interleave their read-modify-write.
  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(task: () => Promise<T>): Promise<T> => {
    const result = queue.then(task, task);
    queue = result.catch(() => {});
    return result;
  };

  const masked = (stored: StoredEnvironments): EnvironmentsDoc => ({
    active: stored.active,
    environments: stored.environments.map(
      (e): Environment => ({
        name: e.name,
        variables: e.variables.map((v) => ({
          name: v.name,
          secret: v.secret,
          value: v.secret ? SECRET_MASK : (v.value ?? ""),
        })),
      }),
    ),
  });

  return {
    home,
    async getCollections() {
      const { collections } = await readCollections();
      return { collections };
    },
    putCollections: (doc) =>
      exclusive(async () => {
        const secrets = await readSecrets();
        const moved = extractSecrets(doc.collections, secrets.requests);
        await writeJsonFile(files.secrets, { ...secrets, requests: moved.requests });
        await writeJsonFile(files.collections, { version: 1, collections: moved.collections });
        return { collections: moved.collections };
      }),
    async getEnvironments() {
      return masked(await readEnvironments());
    },
    putEnvironments: (doc) =>
      exclusive(async () => {
        const secrets = await readSecrets();
        const kept: SecretsFile["environments"] = {};
        const stored: StoredEnvironments = {
          version: 1,
          active: doc.active,
          environments: doc.environments.map((e) => ({
            name: e.name,
            variables: e.variables.map((v): StoredVariable => {
              // The mask stands for the value stored under the names the page loaded.
              const storedValue = secrets.environments[e.renamedFrom ?? e.name]?.[v.renamedFrom ?? v.name];
              const where = `environment "${e.name}", variable "${v.name}"`;
              if (!v.secret) {
                if (v.value === SECRET_MASK && storedValue !== undefined) {
                  throw badRequest(
                    `${where}: to stop keeping it secret, type its value again (a stored secret is never sent back to the page)`,
                  );
                }
                return { name: v.name, secret: false, value: v.value };
              }
              const value = v.value === SECRET_MASK ? storedValue : v.value;
              if (value === undefined) {
                throw badRequest(
                  `${where}: no stored secret to keep (it was renamed or removed without "renamedFrom"); type its value`,
                );
              }
              kept[e.name] ??= {};
              kept[e.name]![v.name] = value;
              return { name: v.name, secret: true };
            }),
          })),
        };
        // Secrets first: environments.json never names a secret the secrets file lacks.
        await writeJsonFile(files.secrets, { ...secrets, environments: kept });
        await writeJsonFile(files.environments, stored);
        return masked(stored);
      }),
    async findSaved(id) {
      const { collections } = await readCollections();
      for (const c of collections) for (const r of c.requests) if (r.id === id) return r;
      return undefined;
    },
    async lookup(environment) {
      const [envs, secrets] = await Promise.all([readEnvironments(), readSecrets()]);
      const envName = environment ?? envs.active;
      const env = envs.environments.find((e) => e.name === envName);
      return (name) => {
        const variable = env?.variables.find((v) => v.name === name);
        if (variable) {
          if (!variable.secret) return { value: variable.value ?? "", secret: false };
          const value = secrets.environments[env!.name]?.[name];
          if (value !== undefined) return { value, secret: true };
        }
        const moved = secrets.requests[name];
        if (moved !== undefined) return { value: moved, secret: true };
        const fromProcess = CREDENTIAL_ENV.test(name) ? processEnv[name] : undefined;
        if (fromProcess !== undefined && fromProcess !== "") return { value: fromProcess, secret: true };
        return undefined;
      };
    },
  };
}
