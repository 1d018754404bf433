/**
 * Fills custom label placeholders the way the platform's labels are written: {0}, {1}, … are
 * replaced by the values in order; a placeholder without a value stays as it is.
 * No imports: loadable by Lightning Web Components and by Node.
 */
export function formatLabel(template: string, ...values: (string | number)[]): string {
  return template.replace(/\{(\d+)\}/g, (placeholder, index: string) => {
    const value = values[Number(index)];
    return value === undefined ? placeholder : String(value);
  });
}
