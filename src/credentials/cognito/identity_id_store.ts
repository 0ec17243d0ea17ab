/**
 * Where `fromCognitoIdentityPool` keeps the identity ids Cognito hands out, so that a
 * returning visitor keeps their identity. The shape of the Web Storage API (and of AWS SDK
 * v3's Cognito `Storage`), so `localStorage`, `sessionStorage` or the SDK's stores fit;
 * methods may also return promises (IndexedDB-backed stores).
 */
export interface IdentityIdStore {
  /** The id stored under `key`, or `null` / `undefined`. */
  getItem(key: string): string | null | undefined | Promise<string | null | undefined>;
  /** Stores `value` under `key`. */
  setItem(key: string, value: string): void | Promise<void>;
  /** Forgets `key`. */
  removeItem(key: string): void | Promise<void>;
}

/**
 * An {@linkcode IdentityIdStore} in memory: identity ids last as long as the store object.
 *
 * @example
 * ```ts
 * import { memoryIdentityIdStore } from "@iamfetch/iamfetch/credentials";
 * import { assertEquals } from "@std/assert";
 *
 * const store = memoryIdentityIdStore();
 * await store.setItem("k", "us-east-1:1");
 * assertEquals(await store.getItem("k"), "us-east-1:1");
 * ```
 */
export function memoryIdentityIdStore(): IdentityIdStore {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key),
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

/**
 * An {@linkcode IdentityIdStore} over Web Storage (default `globalThis.localStorage`), so
 * identity ids survive page loads. Storage errors (quota, private mode) are ignored: the
 * id is then simply asked for again.
 *
 * @param storage The storage; default `globalThis.localStorage`.
 *
 * @example
 * ```ts
 * import { localStorageIdentityIdStore } from "@iamfetch/iamfetch/credentials";
 * import { assertEquals } from "@std/assert";
 *
 * const items = new Map<string, string>();
 * const storage = {
 *   getItem: (key: string) => items.get(key) ?? null,
 *   setItem: (key: string, value: string) => void items.set(key, value),
 *   removeItem: (key: string) => void items.delete(key),
 * };
 * const store = localStorageIdentityIdStore(storage);
 * await store.setItem("k", "us-east-1:1");
 * assertEquals(items.get("k"), "us-east-1:1");
 * ```
 */
export function localStorageIdentityIdStore(
  storage: Pick<Storage, "getItem" | "setItem" | "removeItem"> = globalThis.localStorage,
): IdentityIdStore {
  if (storage === undefined) {
    throw new TypeError(
      "localStorageIdentityIdStore needs a storage: there is no localStorage here.",
    );
  }
  const quietly = <T>(action: () => T): T | undefined => {
    try {
      return action();
    } catch {
      return undefined;
    }
  };
  return {
    getItem: (key) => quietly(() => storage.getItem(key)),
    setItem: (key, value) => void quietly(() => storage.setItem(key, value)),
    removeItem: (key) => void quietly(() => storage.removeItem(key)),
  };
}
