// The workspace boundaries as one ESLint rule. Which workspaces exist and which subpaths each one
// exports are read from the package.json files, so a new workspace or export needs no edit here.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

/** @returns {Map<string, { dir: string, name: string, exports: Set<string> }>} keyed by directory */
function readWorkspaces() {
  const { workspaces } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const byDir = new Map();
  for (const pattern of workspaces) {
    // The root's workspaces are 'dir' or 'dir/*' (Node 20 has no fs.globSync).
    const dirs = pattern.endsWith('/*')
      ? readdirSync(path.join(root, pattern.slice(0, -2))).map((entry) => `${pattern.slice(0, -2)}/${entry}`)
      : [pattern];
    for (const dir of dirs) {
      const file = path.join(root, dir, 'package.json');
      if (!existsSync(file)) continue;
      const pkg = JSON.parse(readFileSync(file, 'utf8'));
      const exported =
        typeof pkg.exports === 'object' && pkg.exports !== null ? Object.keys(pkg.exports) : ['.'];
      const declared = new Set(
        ['dependencies', 'devDependencies', 'peerDependencies'].flatMap((key) => Object.keys(pkg[key] ?? {})),
      );
      byDir.set(dir, { dir, name: pkg.name, exports: new Set(exported), declared });
    }
  }
  return byDir;
}

const workspaces = readWorkspaces();
const byName = new Map([...workspaces.values()].map((w) => [w.name, w]));

/** The workspace directory a file belongs to ('' for the root: e2e, scripts, prisma, docker). */
function workspaceOf(absolute) {
  const relative = path.relative(root, absolute).split(path.sep).join('/');
  let best = '';
  for (const dir of workspaces.keys()) {
    if ((relative === dir || relative.startsWith(`${dir}/`)) && dir.length > best.length) best = dir;
  }
  return best;
}

/** '@opshub/client/resume' → ['@opshub/client', './resume']; bare packages → [name, '.']. */
function splitSpecifier(specifier) {
  const parts = specifier.split('/');
  const count = specifier.startsWith('@') ? 2 : 1;
  const name = parts.slice(0, count).join('/');
  const rest = parts.slice(count).join('/');
  return [name, rest === '' ? '.' : `./${rest}`];
}

const rule = {
  meta: {
    type: 'problem',
    docs: {
      description: 'Workspaces meet only through their declared exports; domains and the web stay apart.',
    },
    schema: [
      {
        type: 'object',
        properties: {
          domains: {
            type: 'string',
            description: 'directory whose workspaces are domains that never import each other',
          },
          undeclared: {
            type: 'array',
            items: { type: 'string' },
            description: "packages a workspace may import without declaring them (the root's test tools)",
          },
          allowRelativeInto: {
            type: 'array',
            items: { type: 'string' },
            description:
              'directories (from the root) this file may read by a relative path, for tests of generated files',
          },
          clientOnly: {
            type: 'object',
            description: 'workspace directory → the only @opshub packages it may import',
            additionalProperties: { type: 'array', items: { type: 'string' } },
          },
        },
        additionalProperties: false,
      },
    ],
    messages: {
      deep: "'{{specifier}}' reaches inside {{name}}: import it from '{{name}}' or one of its package.json exports ({{exports}}).",
      relative:
        "'{{specifier}}' leaves the workspace '{{from}}' for '{{to}}': import that workspace by its package name.",
      domain:
        "'{{specifier}}': the domain {{from}} never imports another domain ({{to}}); share through packages/ or events.",
      clientOnly: "'{{specifier}}': {{from}} imports no server code, only {{allowed}}.",
      undeclared:
        "'{{name}}' is not declared in {{from}}/package.json: add it (dependencies, or devDependencies for tests).",
    },
  },
  create(context) {
    const {
      domains = 'subgraphs',
      clientOnly = {},
      allowRelativeInto = [],
      undeclared = [],
    } = context.options[0] ?? {};
    const file = context.physicalFilename;
    const from = workspaceOf(file);

    function check(node, specifier) {
      if (specifier.startsWith('.')) {
        const absolute = path.resolve(path.dirname(file), specifier);
        const to = workspaceOf(absolute);
        const allowed = allowRelativeInto.some((dir) => absolute.startsWith(path.join(root, dir) + path.sep));
        if (to !== from && !allowed) {
          context.report({
            node,
            messageId: 'relative',
            data: { specifier, from: from || '(root)', to: to || '(root)' },
          });
        }
        return;
      }
      const [name, subpath] = splitSpecifier(specifier);
      if (specifier.startsWith('node:') || builtinModules.includes(name)) return;
      // Inside a workspace every package it imports is in its package.json (the root's files rely on the root's).
      const own = workspaces.get(from);
      if (own && name !== own.name && !own.declared.has(name) && !undeclared.includes(name)) {
        context.report({ node, messageId: 'undeclared', data: { name, from } });
      }
      const target = byName.get(name);
      const allowed = clientOnly[from];
      if (allowed && name.startsWith('@opshub/') && !allowed.includes(name)) {
        context.report({
          node,
          messageId: 'clientOnly',
          data: { specifier, from, allowed: allowed.join(', ') },
        });
        return;
      }
      if (!target) return;
      if (!target.exports.has(subpath)) {
        const exportsList = [...target.exports]
          .map((e) => (e === '.' ? name : `${name}${e.slice(1)}`))
          .join(', ');
        context.report({ node, messageId: 'deep', data: { specifier, name, exports: exportsList } });
        return;
      }
      const inDomains = (dir) => dir.startsWith(`${domains}/`);
      if (inDomains(from) && inDomains(target.dir) && target.dir !== from) {
        context.report({ node, messageId: 'domain', data: { specifier, from, to: target.dir } });
      }
    }

    const fromSource = (node) => {
      if (node.source && typeof node.source.value === 'string') check(node.source, node.source.value);
    };
    return {
      ImportDeclaration: fromSource,
      ExportNamedDeclaration: fromSource,
      ExportAllDeclaration: fromSource,
      ImportExpression: fromSource,
      TSImportType(node) {
        const literal = node.argument?.literal ?? node.argument;
        if (literal && typeof literal.value === 'string') check(literal, literal.value);
      },
    };
  },
};

export default { meta: { name: 'opshub' }, rules: { 'workspace-boundaries': rule } };
