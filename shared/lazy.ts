// A value built on first use and kept for the execution environment's life: handlers build their
// stores and clients this way, so importing a handler reads no environment (tests import it freely)
// and every invocation after the first reuses what the first one built.
export const lazy = <T>(build: () => T): (() => T) => {
  let built: { value: T } | undefined;
  return () => {
    built ??= { value: build() };
    return built.value;
  };
};
