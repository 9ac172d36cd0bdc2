// Package lint on the real tarball: publint (package.json and exports) and arethetypeswrong (types resolve for
// node10, node16 CJS/ESM and bundlers). Both pack the package themselves, so this checks what npm would publish.
import { execFileSync } from 'node:child_process';

const run = (cmd, args) => execFileSync(cmd, args, { stdio: 'inherit' });
run('npx', ['--no-install', 'publint', '--strict']);
// The JSON schema subpath is data, not code: attw has no types to check for it.
run('npx', ['--no-install', 'attw', '--pack', '.', '--exclude-entrypoints', './schema/envelope-v1.json', 'package.json']);
