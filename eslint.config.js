// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import globals from 'globals';

/**
 * Who may import whom (../shared/DESIGN.md). Each folder lists what it must never import;
 * anything else is allowed. Enforced here so nobody has to remember it.
 */
const FOLDERS = ['core', 'domain', 'snapshot', 'training', 'layout', 'render', 'xr', 'ui', 'app'];
const ALLOWED = {
  core: [],
  domain: ['core'],
  snapshot: ['core', 'domain'],
  training: ['core', 'domain', 'snapshot'],
  layout: ['core', 'domain'],
  render: ['core', 'domain', 'layout'],
  xr: ['core', 'domain', 'layout', 'render', 'app'],
  ui: ['core', 'domain', 'layout', 'render', 'app'],
  app: ['core', 'domain'],
};
const PACKAGES_ALLOWED = {
  three: ['render', 'xr', 'ui'],
  tfjs: ['training'],
};

function boundaryRule(folder) {
  const forbiddenFolders = FOLDERS.filter((f) => f !== folder && !ALLOWED[folder].includes(f));
  const patterns = forbiddenFolders.map((f) => ({
    group: [`../${f}`, `../${f}/*`, `../../${f}`, `../../${f}/*`, `**/src/${f}/*`],
    message: `src/${folder} may not import src/${f} (see DESIGN.md, "Who may import whom").`,
  }));
  if (!PACKAGES_ALLOWED.three.includes(folder)) {
    patterns.push({ group: ['three', 'three/*', 'three-mesh-ui', 'three-mesh-ui/*'], message: `src/${folder} may not use three.js.` });
  }
  if (!PACKAGES_ALLOWED.tfjs.includes(folder)) {
    patterns.push({ group: ['@tensorflow/*'], message: `src/${folder} may not use tfjs; only src/training does.` });
  }
  return {
    files: [`src/${folder}/**/*.ts`],
    rules: { 'no-restricted-imports': ['error', { patterns }] },
  };
}

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'assets/', 'test-results/', 'bench-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver': { typescript: { project: './tsconfig.json' } } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'import-x/no-cycle': 'error',
    },
  },
  ...FOLDERS.map(boundaryRule),
);
