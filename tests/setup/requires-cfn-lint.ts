// Global setup of the unit project: the infra tests lint every synthesized template with cfn-lint.
import { requireTool } from './require-tool.ts';

export default (): void =>
  requireTool('cfn-lint', 'the infra tests lint the templates with it; install it with `pip install cfn-lint`.');
