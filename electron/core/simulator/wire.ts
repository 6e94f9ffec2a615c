// Reading requests the way a strict token endpoint does: media type without parameters,
// form bodies that remember repeated fields, JSON that must be an object, Bearer headers.

/** The media type of a Content-Type or Accept item, lower-cased, parameters dropped. */
export function mediaType(value: string | undefined): string | undefined {
  const type = value?.split(';')[0]?.trim().toLowerCase();
  return type ? type : undefined;
}

/** Whether an Accept header admits `type`, either by name or by a wildcard. */
export function accepts(accept: string | undefined, type: string): boolean {
  if (!accept) return false;
  const [major] = type.split('/');
  return accept.split(',').some((item) => {
    const t = mediaType(item);
    return t === type || t === `${major}/*` || t === '*/*';
  });
}

export interface FormBody {
  /** Each field's value; a repeated field keeps its first value. */
  fields: Record<string, string>;
  /** Fields sent more than once, which OAuth 2.0 forbids (RFC 6749 §3.2). */
  repeated: string[];
}

export function parseForm(text: string): FormBody {
  const fields: Record<string, string> = {};
  const repeated = new Set<string>();
  for (const [name, value] of new URLSearchParams(text)) {
    if (name in fields) repeated.add(name);
    else fields[name] = value;
  }
  return { fields, repeated: [...repeated] };
}

/** The body as a JSON object, or null when it is not one. */
export function parseJsonObject(text: string): Record<string, unknown> | null {
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The token of an `Authorization: Bearer <token>` header, or undefined. */
export function bearerToken(authorization: string | undefined): string | undefined {
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(authorization ?? '');
  return match?.[1];
}
