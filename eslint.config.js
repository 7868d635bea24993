import tseslint from 'typescript-eslint';

// The layers of src/, lowest first (README, "Architecture"). A module may import
// from its own layer and the layers below it, never from one above.
const LAYERS = ['shared', 'load', 'rules', 'report', 'scan', 'engine', 'formatters', 'cli'];

/** The lint rules that keep src/<layer> from importing any layer above it, statically or with import(). */
function layerBoundary(layer, i) {
  const above = LAYERS.slice(i + 1);
  if (!above.length) return [];
  // A relative import whose path goes through a folder named after a higher layer.
  const regex = `^\\.{1,2}/(.*/)?(${above.join('|')})(/|$)`;
  const message = `src/${layer} may import only from ${LAYERS.slice(0, i + 1)
    .map((l) => `src/${l}`)
    .join(', ')}: the layers run ${LAYERS.join(' < ')} (README, "Architecture").`;
  return [
    {
      files: [`src/${layer}/**/*.ts`],
      rules: {
        'no-restricted-imports': ['error', { patterns: [{ regex, message }] }],
        // esquery reads a regex up to the next "/": \x2F stands for it.
        'no-restricted-syntax': ['error', { selector: `ImportExpression[source.value=/${regex.replaceAll('/', '\\x2F')}/]`, message }],
      },
    },
  ];
}

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'bench-out/', '.tmp/'] },
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.ts'],
    rules: {
      // The engine never prints: only the CLI layer writes, through the streams it is given.
      'no-console': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['src/engine/**/*.ts', 'src/load/**/*.ts', 'src/rules/**/*.ts', 'src/formatters/**/*.ts'],
    rules: {
      'no-restricted-properties': ['error', { object: 'process', property: 'exit', message: 'Nothing below the CLI exits the process.' }],
    },
  },
  ...LAYERS.flatMap(layerBoundary),
  {
    files: ['scripts/**/*.mjs', 'bin/**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
