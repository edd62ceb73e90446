// Vite turns imported CSS into a <link> in the build; TypeScript only needs to know the import is allowed.
declare module '*.css';
