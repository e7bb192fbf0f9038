// The build-time constants wxt.config.ts adds (`vite.define`), beside WXT's own in .wxt/types/globals.d.ts.
interface ImportMetaEnv {
  /** True only in the `POC_DEV_HOSTS=1` build; undefined under vitest, which does not apply wxt.config's vite options. */
  readonly POC_DEV_BUILD?: boolean;
}
