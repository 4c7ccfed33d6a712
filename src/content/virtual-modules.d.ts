// Modules that the build generates (vite.config.ts).
declare module 'virtual:compiled-rules' {
  import type { SerializedRules } from '../engine/serialize-compiled';
  const compiled: SerializedRules;
  /** The bundled rules' version (rules/VERSION). */
  export const version: number;
  export default compiled;
}

declare module 'virtual:bundled-domains' {
  import type { DomainList } from '../rules/domain-list';
  const lists: DomainList[];
  export default lists;
}
