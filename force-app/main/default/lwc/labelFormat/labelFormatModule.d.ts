// Type of `c/labelFormat` for the components that import it; the platform, Jest and the gallery resolve it at runtime.
declare module 'c/labelFormat' {
  export const formatLabel: typeof import('./labelFormat').formatLabel;
}
