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
  const json = JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  return <script id={id} type={type} dangerouslySetInnerHTML={{ __html: json }} />;
}
