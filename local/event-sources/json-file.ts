// Small state files the event sources keep with --persist, written whole or not at all (a new file is
// renamed over the old), so a kill -9 leaves either the last state or the one before it.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';

/** The file's value; `empty` when there is none yet (a first run). */
export const readJson = <T>(file: string, empty: T): T => {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return empty;
  }
};

export const writeJson = (file: string, value: unknown): void => {
  writeFileSync(`${file}.new`, JSON.stringify(value));
  renameSync(`${file}.new`, file);
};
