// gazetteer.bin's import: its path, relative to the importing code (build/data-files.ts).
declare const path: string;
export default path;
