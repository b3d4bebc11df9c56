// Tools from outside npm that some suites need: when one is missing, the run stops with one line that
// says what to install, instead of a stack trace in every suite that needs it.
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

const onPath = (command: string): boolean =>
  (process.env.PATH ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, command), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });

export const requireTool = (command: string, need: string): void => {
  if (onPath(command)) return;
  console.error(`\n${command} is missing: ${need}\n`);
  process.exit(1);
};
