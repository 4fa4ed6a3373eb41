/**
 * The fields of a one-click unsubscribe POST (RFC 8058). Mail clients send
 * `List-Unsubscribe=One-Click` either form-encoded (parsed by @fastify/formbody) or as
 * multipart/form-data, which the site reads nowhere else: this reads the few small text
 * parts such a body has, and nothing else (no files).
 */
export function readOneClickBody(
  contentType: string | undefined,
  body: unknown,
): Record<string, string> {
  if (typeof body === 'object' && body !== null) {
    const fields: Record<string, string> = {};
    for (const [name, value] of Object.entries(body))
      if (typeof value === 'string') fields[name] = value;
    return fields;
  }
  if (typeof body !== 'string') return {};
  const boundary = /boundary=(?:"([^"]{1,70})"|([^;\s]{1,70}))/i.exec(contentType ?? '');
  const marker = boundary?.[1] ?? boundary?.[2];
  if (!marker) return {};
  const fields: Record<string, string> = {};
  for (const part of body.split(`--${marker}`)) {
    const split = part.indexOf('\r\n\r\n');
    if (split < 0) continue;
    const headers = part.slice(0, split);
    const name = /content-disposition:\s*form-data;[^\r\n]*\bname="([^"]{1,100})"/i.exec(
      headers,
    )?.[1];
    if (name && !/filename=/i.test(headers))
      fields[name] = part.slice(split + 4).replace(/\r\n$/, '');
  }
  return fields;
}
