/** Embeds data as JSON in a <script>; `<` is escaped so no value can close the tag. */
export function JsonScript({
  id,
  type = 'application/json',
  data,
}: {
  id?: string;
  type?: string;
  data: unknown;
}) {
  // One pass over what can be long (a page's JSON-LD, its search record).
  const json = JSON.stringify(data).replace(/[<\u2028\u2029]/g, escapeChar);
  return <script id={id} type={type} dangerouslySetInnerHTML={{ __html: json }} />;
}

const ESCAPES: Record<string, string> = {
  '<': '\\u003c',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};
const escapeChar = (c: string) => ESCAPES[c] ?? c;
