import type { Config } from "./config.ts";

/** PORT and BOTBRIDGE_DATABASE_URL override the file (the fixed entry points users script against). */
export function applyEnvOverrides(config: Config, env: NodeJS.ProcessEnv): Config {
  const server = env.PORT
    ? { ...config.settings.server, port: Number(env.PORT) }
    : config.settings.server;
  const storage = env.BOTBRIDGE_DATABASE_URL
    ? { ...config.settings.storage, url: env.BOTBRIDGE_DATABASE_URL }
    : config.settings.storage;
  return { ...config, settings: { ...config.settings, server, storage } };
}
