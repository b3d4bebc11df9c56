// Global setup of the integration project: DynamoDB Local, which every sandbox runs, is a Java program.
import { requireTool } from './require-tool.ts';

export default (): void =>
  requireTool(
    'java',
    'the sandbox runs DynamoDB Local on Java 17 or newer; install it with `apt-get install -y openjdk-17-jre-headless`.',
  );
