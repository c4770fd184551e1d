// `npm run analyze` writes custom-elements.json from the JSDoc of src/.
export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/demo/**', 'src/**/*.test.ts'],
  outdir: '.',
  litelement: true,
  // package.json points at the committed manifest; analyses into other folders must not rewrite it.
  packagejson: false,
};
