// Stylesheets imported for their side effect: esbuild bundles a page's CSS imports into its main.css.
declare module '*.css';
