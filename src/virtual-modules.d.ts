// Modules that the build generates (scripts/build.ts writes them; vite.config.ts aliases them).
declare module 'virtual:compiled-rules' {
  import type { SerializedRules } from './engine/serialize-compiled';
  const compiled: SerializedRules;
  export default compiled;
}

declare module 'virtual:prefilter' {
  import type { SerializedPrefilter } from './engine/prefilter';
  const prefilter: SerializedPrefilter;
  export default prefilter;
}

declare module 'virtual:rules-version' {
  /** The bundled rules' version (src/rules/generated/bundled-rules.json), written by scripts/build.ts. */
  export const version: number;
}
