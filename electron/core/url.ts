// Joins a profile's base URL and a provider path with exactly one slash between them,
// whatever the user typed (trailing slashes, spaces).

export function joinUrl(base: string, path: string): string {
  return `${base.trim().replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}
