/** Vite gives a stylesheet imported with `?inline` as its text, for shadow roots. */
declare module '*.css?inline' {
  const css: string;
  export default css;
}
