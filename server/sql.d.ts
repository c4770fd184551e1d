/** SQL files are bundled as text (esbuild's `text` loader). */
declare module '*.sql' {
  const sql: string;
  export default sql;
}
