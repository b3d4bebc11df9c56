// uPlot's stylesheet, imported for its side effect: esbuild bundles it into main.css.
declare module 'uplot/dist/uPlot.min.css';
